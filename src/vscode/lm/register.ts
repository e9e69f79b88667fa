import * as vscode from 'vscode';
import type { Logger } from '../log';
import type { ProviderService } from '../provider/providerService';
import { chatProviderApi, type ChatInformation, type ChatProvider } from './api';
import { StepChatProvider } from './chatProvider';

/**
 * Step 3.7 Flash as a provider for VS Code's chat and other extensions, where the editor
 * can take extension-provided models (1.104+); on older editors undefined, said in the log.
 * The vendor itself is registered at activation (src/vscode/lm/lazyProvider.ts).
 */
export function createLanguageModelProvider(provider: ProviderService, log: Logger): (ChatProvider<ChatInformation> & vscode.Disposable) | undefined {
  const api = chatProviderApi();
  if (!api) {
    log.info(`VS Code ${vscode.version} cannot take extension-provided language models (1.104+): Step 3.7 Flash is not offered to its chat.`);
    return undefined;
  }
  return new StepChatProvider(provider, api.parts, log) as unknown as ChatProvider<ChatInformation> & vscode.Disposable;
}
