/**
 * VS Code activates the extension to ask it for models (the contributed
 * languageModelChatProviders vendor), so the vendor is registered at activation.
 * What answers — src/vscode/lm/chatProvider.ts, which needs the client — loads
 * with the services on the first call (src/vscode/services.ts), keeping
 * activation as light as the commands keep it (src/vscode/shell.ts).
 */
import * as vscode from 'vscode';
import { chatProviderApi, type ChatInformation, type ChatProvider } from './api';

type AnyProvider = ChatProvider<ChatInformation>;

export function registerLazyLanguageModels(vendors: readonly string[], load: () => AnyProvider | undefined): vscode.Disposable[] {
  const api = chatProviderApi();
  if (!api || vendors.length === 0) return [];
  const changed = new vscode.EventEmitter<void>();
  let forwarding: vscode.Disposable | undefined;
  const target = (): AnyProvider | undefined => {
    const provider = load();
    if (provider && !forwarding) forwarding = provider.onDidChangeLanguageModelChatInformation?.(() => changed.fire()) ?? new vscode.Disposable(() => undefined);
    return provider;
  };
  const unavailable = (): Promise<never> => Promise.reject(new Error('Step Flash could not start; see its output channel.'));
  const proxy: AnyProvider = {
    onDidChangeLanguageModelChatInformation: changed.event,
    provideLanguageModelChatInformation: (options, token) => target()?.provideLanguageModelChatInformation(options, token) ?? [],
    provideLanguageModelChatResponse: (model, messages, options, progress, token) =>
      target()?.provideLanguageModelChatResponse(model, messages, options, progress, token) ?? unavailable(),
    provideTokenCount: (model, text, token) => target()?.provideTokenCount(model, text, token) ?? unavailable(),
  };
  return [changed, new vscode.Disposable(() => forwarding?.dispose()), ...vendors.map((vendor) => api.register(vendor, proxy))];
}
