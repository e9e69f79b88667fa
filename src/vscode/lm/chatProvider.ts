import * as vscode from 'vscode';
import { estimateLmTokens, toApiMessages } from '../../core/lm/messages';
import { effortFrom, effortSchema, lmErrorText, listedProviders, modelInfo, samplingFrom, type LmModelInfo } from '../../core/lm/models';
import { wireToolNames, withWireNames } from '../../core/lm/toolNames';
import { PROVIDER_IDS, StepError, type ChatRequest, type ChatResult, type ProviderId, type ToolDefinition } from '../../core/provider';
import type { Logger } from '../log';
import type { ProviderService } from '../provider/providerService';
import { onSettingsChanged, readSettings } from '../settings';
import type { ChatInformation, ChatProvider, PartClasses, RequestMessage, ResponseOptions } from './api';
import { classifyMessage } from './parts';

type StepModel = ChatInformation & LmModelInfo;

/**
 * Step 3.7 Flash as a VS Code language model: one entry per configured provider, keys
 * from the extension's SecretStorage, the same client (limits, retries, region diagnosis)
 * the chat view uses. Reasoning is reported as thinking where the editor shows it.
 */
export class StepChatProvider implements ChatProvider<StepModel>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeLanguageModelChatInformation = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly service: ProviderService,
    private readonly parts: PartClasses,
    private readonly log: Logger,
  ) {
    this.subscriptions = [service.keys.onDidChange(() => this.changed.fire()), onSettingsChanged(() => this.changed.fire())];
  }

  async provideLanguageModelChatInformation(options: { readonly silent: boolean }): Promise<StepModel[]> {
    const settings = readSettings();
    if (!options.silent) await this.offerKey(settings.provider);
    const withKey = new Set<ProviderId>();
    for (const id of PROVIDER_IDS) if (await this.service.keys.get(id)) withKey.add(id);
    const models: StepModel[] = [];
    for (const id of listedProviders(settings.provider, withKey)) {
      try {
        models.push({ ...modelInfo(this.service.profileFor(id), withKey.has(id)), configurationSchema: effortSchema() });
      } catch (error) {
        this.log.warn(`Step Flash language model for ${id} not offered: ${(error as Error).message}`);
      }
    }
    return models;
  }

  /** Asked for models interactively (the model manager) with no key for the selected provider: ask for it. */
  private async offerKey(selected: ProviderId): Promise<void> {
    const profile = this.service.safeProfile();
    if (!profile?.keyRequired || (await this.service.keys.get(selected))) return;
    await vscode.commands.executeCommand('stepFlash.setApiKey');
  }

  async provideLanguageModelChatResponse(
    model: StepModel,
    messages: readonly RequestMessage[],
    options: ResponseOptions,
    progress: vscode.Progress<object>,
    token: vscode.CancellationToken,
  ): Promise<void> {
    const abort = new AbortController();
    const cancel = token.onCancellationRequested(() => abort.abort());
    try {
      const profile = this.service.profileFor(model.provider);
      const names = wireToolNames((options.tools ?? []).map((t) => t.name));
      const request: ChatRequest = {
        messages: withWireNames(toApiMessages(messages.map((m) => classifyMessage(m, this.parts))), names),
        effort: effortFrom(options.modelOptions, options.modelConfiguration),
        ...samplingFrom(options.modelOptions),
      };
      if (options.tools?.length) {
        request.tools = options.tools.map((tool): ToolDefinition => ({
          type: 'function',
          function: { name: names.toWire.get(tool.name)!, description: tool.description, parameters: (tool.inputSchema as Record<string, unknown> | undefined) ?? { type: 'object', properties: {} } },
        }));
        request.toolChoice = options.toolMode === 2 ? 'required' : 'auto';
      }
      const client = await this.service.client(profile);
      let answered = false;
      const result = await client.streamChat(
        request,
        {
          onContent: (text) => {
            answered = true;
            progress.report(new this.parts.Text(text));
          },
          onReasoning: (text) => {
            if (this.parts.Thinking) progress.report(new this.parts.Thinking(text));
          },
        },
        abort.signal,
      );
      if (result.stopped) return;
      this.service.record(result);
      // After tool results Step sometimes answers in the reasoning only (see StreamAccumulator.answerText).
      if (!answered && result.answerText) progress.report(new this.parts.Text(result.answerText));
      for (const call of result.toolCalls) {
        progress.report(new this.parts.ToolCall(call.id, names.toReal.get(call.function.name) ?? call.function.name, toolInput(call.function.name, call.function.arguments, result)));
      }
    } catch (error) {
      if (abort.signal.aborted) return;
      throw this.failure(error, model);
    } finally {
      cancel.dispose();
    }
  }

  async provideTokenCount(_model: StepModel, text: string | RequestMessage): Promise<number> {
    return estimateLmTokens(typeof text === 'string' ? text : classifyMessage(text, this.parts));
  }

  private failure(error: unknown, model: StepModel): Error {
    if (!(error instanceof StepError)) return error instanceof Error ? error : new Error(String(error));
    this.log.warn(`language-model request to ${model.detail} failed: ${error.kind}${error.traceId ? ` (trace ${error.traceId})` : ''}`);
    const text = lmErrorText(error);
    const quota = error.kind === 'balance' || error.kind === 'rate-limited';
    return quota ? vscode.LanguageModelError.Blocked(text) : new Error(text);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}

function toolInput(name: string, args: string, result: Pick<ChatResult, 'model'>): object {
  if (!args.trim()) return {};
  try {
    const value = JSON.parse(args) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) return value;
  } catch {
    // reported below
  }
  throw new Error(`${result.model} called the tool "${name}" with arguments that are not a JSON object: ${args.slice(0, 200)}`);
}
