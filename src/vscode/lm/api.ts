/**
 * The language-model API newer than the extension's floor (engines.vscode ^1.90, typed by
 * @types/vscode 1.90), typed here and looked up at run time. Each accessor returns undefined
 * when the running editor lacks the API, so callers register nothing instead of failing:
 * providing models needs VS Code 1.104, calling VS Code's tools 1.95.
 */
import * as vscode from 'vscode';
import type { ToolInfo } from '../../core/lm/toolPolicy';

export interface ChatInformation {
  readonly id: string;
  readonly name: string;
  readonly family: string;
  readonly version: string;
  readonly detail?: string;
  readonly tooltip?: string;
  readonly maxInputTokens: number;
  readonly maxOutputTokens: number;
  readonly capabilities: { readonly imageInput?: boolean; readonly toolCalling?: boolean | number };
  /** Read by VS Code builds whose model picker offers per-model options; ignored by others. */
  readonly configurationSchema?: Record<string, unknown>;
}

/** LanguageModelChatMessageRole: User 1, Assistant 2, System 3 (where the editor has it). */
export interface RequestMessage {
  readonly role: number;
  readonly content: ReadonlyArray<unknown>;
  readonly name: string | undefined;
}

interface ChatTool {
  readonly name: string;
  readonly description: string;
  readonly inputSchema?: object | undefined;
}

export interface ResponseOptions {
  readonly modelOptions?: { readonly [name: string]: unknown };
  /** The user's choices for this model's configurationSchema, where the editor sends them. */
  readonly modelConfiguration?: { readonly [name: string]: unknown };
  readonly tools?: readonly ChatTool[];
  /** LanguageModelChatToolMode: Auto 1, Required 2. */
  readonly toolMode: number;
}

export interface ChatProvider<T extends ChatInformation> {
  readonly onDidChangeLanguageModelChatInformation?: vscode.Event<void>;
  provideLanguageModelChatInformation(options: { readonly silent: boolean }, token: vscode.CancellationToken): vscode.ProviderResult<T[]>;
  provideLanguageModelChatResponse(model: T, messages: readonly RequestMessage[], options: ResponseOptions, progress: vscode.Progress<object>, token: vscode.CancellationToken): Thenable<void>;
  provideTokenCount(model: T, text: string | RequestMessage, token: vscode.CancellationToken): Thenable<number>;
}

export interface ToolResult {
  readonly content: readonly unknown[];
}

type Ctor<A extends unknown[]> = new (...args: A) => object;

/** The part classes a provider reports; ThinkingPart only where the editor shows reasoning. */
export interface PartClasses {
  Text: Ctor<[value: string]>;
  ToolCall: Ctor<[callId: string, name: string, input: object]>;
  ToolResult?: Ctor<[callId: string, content: unknown[]]>;
  Data?: Ctor<[data: Uint8Array, mimeType: string]>;
  Thinking?: Ctor<[value: string]>;
  PromptTsx?: Ctor<[value: unknown]>;
}

interface ChatProviderApi {
  register(vendor: string, provider: ChatProvider<ChatInformation>): vscode.Disposable;
  parts: PartClasses;
}

interface ToolsApi {
  tools(): readonly ToolInfo[];
  invoke(name: string, input: object, token: vscode.CancellationToken): Thenable<ToolResult>;
  parts: PartClasses;
}

type Loose = Record<string, unknown>;
const api = vscode as unknown as Loose;
const lm = (): Loose | undefined => api.lm as Loose | undefined;
const isClass = (value: unknown): value is Ctor<never[]> => typeof value === 'function';

function partClasses(): PartClasses | undefined {
  const Text = api.LanguageModelTextPart;
  const ToolCall = api.LanguageModelToolCallPart;
  if (!isClass(Text) || !isClass(ToolCall)) return undefined;
  const optional = (name: string) => (isClass(api[name]) ? api[name] : undefined);
  const parts: PartClasses = { Text: Text as PartClasses['Text'], ToolCall: ToolCall as PartClasses['ToolCall'] };
  parts.ToolResult = optional('LanguageModelToolResultPart') as PartClasses['ToolResult'];
  parts.Data = optional('LanguageModelDataPart') as PartClasses['Data'];
  parts.Thinking = optional('LanguageModelThinkingPart') as PartClasses['Thinking'];
  parts.PromptTsx = optional('LanguageModelPromptTsxPart') as PartClasses['PromptTsx'];
  return parts;
}

/** VS Code 1.104+: extensions may provide chat models. */
export function chatProviderApi(): ChatProviderApi | undefined {
  const register = lm()?.registerLanguageModelChatProvider;
  const parts = partClasses();
  if (typeof register !== 'function' || !parts) return undefined;
  return {
    register: (vendor, provider) => (register as (v: string, p: unknown) => vscode.Disposable).call(lm(), vendor, provider),
    parts,
  };
}

/** VS Code 1.95+: the tools every extension and MCP server registered, and a way to call them. */
export function toolsApi(): ToolsApi | undefined {
  const namespace = lm();
  const parts = partClasses();
  if (!namespace || !Array.isArray(namespace.tools) || typeof namespace.invokeTool !== 'function' || !parts) return undefined;
  return {
    tools: () => (lm()?.tools as readonly ToolInfo[] | undefined) ?? [],
    invoke: (name, input, token) =>
      (namespace.invokeTool as (n: string, o: { input: object; toolInvocationToken: undefined }, t: vscode.CancellationToken) => Thenable<ToolResult>).call(
        namespace,
        name,
        { input, toolInvocationToken: undefined },
        token,
      ),
    parts,
  };
}
