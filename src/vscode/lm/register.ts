import * as vscode from 'vscode';
import { LM_VENDOR } from '../../core/lm/models';
import type { Logger } from '../log';
import type { ProviderService } from '../provider/providerService';
import { chatProviderApi } from './api';
import { StepChatProvider } from './chatProvider';

/**
 * Offers Step 3.7 Flash to VS Code's chat and to other extensions where the editor can
 * take extension-provided models (1.104+); on older editors registers nothing and says so in the log.
 */
export function registerLanguageModels(provider: ProviderService, log: Logger): vscode.Disposable[] {
  const api = chatProviderApi();
  if (!api) {
    log.info(`VS Code ${vscode.version} cannot take extension-provided language models (1.104+): Step 3.7 Flash is not offered to its chat.`);
    return [];
  }
  const chatProvider = new StepChatProvider(provider, api.parts, log);
  return [chatProvider, api.register(LM_VENDOR, chatProvider)];
}
