/**
 * A second extension, loaded next to Step Flash in the integration run, that registers two
 * language-model tools the way any extension does (contributed in its manifest, see
 * manifest.ts). It records every call so the suite can assert which ran and which never did.
 */
import * as vscode from 'vscode';

export interface ToolCallRecord {
  name: string;
  input: unknown;
}

export interface ToolsExtensionApi {
  calls: ToolCallRecord[];
}

interface ToolApi {
  lm: { registerTool(name: string, tool: { invoke(options: { input: unknown }): unknown }): vscode.Disposable };
  LanguageModelToolResult: new (content: unknown[]) => unknown;
  LanguageModelTextPart: new (value: string) => unknown;
}

export function activate(context: vscode.ExtensionContext): ToolsExtensionApi {
  const api = vscode as unknown as ToolApi;
  const calls: ToolCallRecord[] = [];
  const register = (name: string, answer: (input: Record<string, unknown>) => string) =>
    api.lm.registerTool(name, {
      invoke(options) {
        calls.push({ name, input: options.input });
        return new api.LanguageModelToolResult([new api.LanguageModelTextPart(answer((options.input ?? {}) as Record<string, unknown>))]);
      },
    });
  context.subscriptions.push(
    register('stepflash_test_lookup', (input) => `Price list lookup for "${String(input.query)}": unit prices are in cents; the discount applies last.`),
    register('stepflash_test_delete', (input) => `Deleted ${String(input.path)}.`),
  );
  return { calls };
}
