import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';
import type { WebviewMessageOf } from '../../../src/shared/protocol';
import type { SimOptions, Simulator } from '../../sim/types';
import { chatRequests, resetExtension, startHostSim, waitFor } from './hostSim';

export const EXTENSION_ID = 'step-flash.step-flash';

export async function activateExtension(): Promise<ExtensionApi> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this host`);
  return extension.activate();
}

/** For a suite's `before`: the activated extension, and a simulator its StepFun profiles talk to. */
export async function startSuite(options: SimOptions = {}): Promise<{ api: ExtensionApi; sim: Simulator }> {
  const api = await activateExtension();
  return { api, sim: await startHostSim(options) };
}

/** For `beforeEach`: an empty simulator and a reset extension, with `globalKey` stored when given. */
export async function resetBetweenTests(api: ExtensionApi, sim: Simulator, globalKey?: string): Promise<void> {
  sim.reset();
  await resetExtension(api);
  if (globalKey) await api.provider.keys.set('stepfun-global', globalKey);
}

/** For a suite's `after`: leaves the extension reset for the next suite and stops the simulator. */
export async function endSuite(api: ExtensionApi, sim: Simulator): Promise<void> {
  await resetExtension(api);
  await sim.close();
}

/** Opens the chat view and waits until its webview has said ready. */
export async function openChatView(api: ExtensionApi): Promise<void> {
  await vscode.commands.executeCommand('stepFlash.openChat');
  await waitFor(() => api.chatView.isReady, 'the chat view to be ready');
}

type SendFields = Omit<WebviewMessageOf<'send'>, 'type' | 'text'>;

/** Sends `text` the way the chat webview does: send id s1, effort auto, no attachments or chips unless given. */
export function sendChat(api: ExtensionApi, text: string, fields: Partial<SendFields> = {}): Promise<void> {
  return api.router.handle({ type: 'send', sendId: 's1', text, effort: 'auto', attachments: [], chips: [], ...fields });
}

/** The reasoning_effort of a chat request the simulator received (the last one by default). */
export function sentEffort(sim: Simulator, index = -1): string | undefined {
  return (chatRequests(sim).at(index)?.body as { reasoning_effort?: string } | undefined)?.reasoning_effort;
}
