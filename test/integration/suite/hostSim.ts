/**
 * Integration tests talk to the Step API simulator over real HTTP, from inside
 * the extension host: the simulator runs in this process and the StepFun
 * profiles are pointed at it through STEP_FLASH_BASE_URL_OVERRIDES.
 */
import * as vscode from 'vscode';
import { startSimulator } from '../../sim/server';
import type { SimOptions, Simulator } from '../../sim/types';
import type { HostMessage } from '../../../src/shared/protocol';
import { reduceTurn, type TurnEvent, type TurnRecord } from '../../../src/shared/turnEvents';
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

/** A command suite's test starts from resetExtension's state with an empty simulator log and the global test key stored. */
export async function startWithKey(api: ExtensionApi, sim: Simulator): Promise<void> {
  sim.reset();
  await resetExtension(api);
  await api.provider.keys.set('stepfun-global', 'sk-global-test');
}

/** Disposes every change set a test proposed and closes every editor (proposal tabs and diffs included). */
export async function closeReviews(api: ExtensionApi): Promise<void> {
  for (const set of [...api.review.sets]) set.dispose();
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
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

/** The turn events of `kind` the host posted, each with the turn it belongs to. */
export function postedEvents<K extends TurnEvent['kind']>(messages: HostMessage[], kind: K): Array<Extract<TurnEvent, { kind: K }> & { turnId: string }> {
  const found: Array<Extract<TurnEvent, { kind: K }> & { turnId: string }> = [];
  for (const m of messages) if (m.type === 'turn' && m.event.kind === kind) found.push({ ...(m.event as Extract<TurnEvent, { kind: K }>), turnId: m.turnId });
  return found;
}

/** The turns the webview built from what the host posted, in the order they started. */
export function postedTurns(messages: HostMessage[]): TurnRecord[] {
  const turns = new Map<string, TurnRecord>();
  for (const m of messages) {
    if (m.type !== 'turn') continue;
    const next = reduceTurn(turns.get(m.turnId), m.event);
    if (next) turns.set(m.turnId, next);
  }
  return [...turns.values()];
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
