/**
 * Integration tests talk to the Step API simulator over real HTTP, from inside
 * the extension host: the simulator runs in this process and the StepFun
 * profiles are pointed at it through STEP_FLASH_BASE_URL_OVERRIDES.
 */
import * as vscode from 'vscode';
import { startSimulator } from '../../sim/server';
import type { SimOptions, Simulator } from '../../sim/types';
import type { HostMessage } from '../../../src/shared/protocol';
import type { ExtensionApi } from '../../../src/extension';
import { PROVIDER_IDS } from '../../../src/core/provider';

export async function startHostSim(options: SimOptions = {}): Promise<Simulator> {
  const sim = await startSimulator(options);
  process.env.STEP_FLASH_BASE_URL_OVERRIDES = JSON.stringify({ 'stepfun-global': sim.url('global'), 'stepfun-china': sim.url('china') });
  return sim;
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('stepFlash').update(key, value, vscode.ConfigurationTarget.Global);
}

/** Every test starts from: global region, no keys stored, tier V5, a fresh chat. */
export async function resetExtension(api: ExtensionApi): Promise<void> {
  api.chat.stop();
  for (const id of PROVIDER_IDS) await api.provider.keys.clear(id);
  await setSetting('provider', 'stepfun-global');
  await setSetting('rateTier', 'V5');
  await api.chat.newChat();
}

/** Records what the host posts to the chat webview (it still reaches the webview). */
export function recordPosts(api: ExtensionApi): { messages: HostMessage[]; dispose(): void } {
  const messages: HostMessage[] = [];
  const original = api.chatView.post.bind(api.chatView);
  api.chatView.post = (message: HostMessage) => {
    messages.push(message);
    original(message);
  };
  return { messages, dispose: () => (api.chatView.post = original) };
}

export async function waitFor<T>(probe: () => T | undefined | false, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export function chatRequests(sim: Simulator) {
  return sim.requests.filter((r) => r.path.endsWith('/chat/completions'));
}
