/** Host messages the UI tests deliver: a plausible status, usage, turn events and a small conversation. */
import type { ErrorView, HostMessage, StatusView, UsageView } from '../../src/shared/protocol';
import { replayTurn, type TurnEvent, type TurnRecord, type UserView } from '../../src/shared/turnEvents';

export const STATUS: StatusView = {
  providerLabel: 'StepFun (global)',
  model: 'step-3.7-flash',
  keyPresent: true,
  keyRequired: true,
  keysElsewhere: [],
  supportsImages: true,
  supportsVideo: true,
  maxImageEdge: 2048,
  maxImageBytes: 10 * 1024 * 1024,
  defaultDetail: 'high',
};

export const USAGE: UsageView = { promptTokens: 1234, completionTokens: 567, cachedTokens: 800, costUsd: 0.0021 };

export function status(overrides: Partial<StatusView> = {}): HostMessage {
  return { type: 'status', status: { ...STATUS, ...overrides } };
}

export function turnEvent(turnId: string, event: TurnEvent): HostMessage {
  return { type: 'turn', turnId, event };
}

/** A turn the host started; pass the `sendId` of the webview's send it answers (none for a command's turn). */
export function turnStart(turnId: string, text = 'Explain this', sendId?: string): HostMessage {
  return turnEvent(turnId, { kind: 'start', turnId, at: 0, user: { text }, effort: { level: 'high', reason: 'refactor: multi-file changes need careful reasoning', source: 'policy', label: 'refactor default' }, ...(sendId ? { sendId } : {}) });
}

export const answerDelta = (turnId: string, text: string): HostMessage => turnEvent(turnId, { kind: 'answer', text });
export const reasoningDelta = (turnId: string, text: string): HostMessage => turnEvent(turnId, { kind: 'reasoning', text });

/** How the host ends a turn: the request's usage, a stop or a failure if there was one, then end. */
export function turnEnd(turnId: string, ending: { usage?: UsageView; stopped?: boolean; error?: ErrorView } = {}): HostMessage[] {
  const events: TurnEvent[] = [];
  if (ending.usage) events.push({ kind: 'usage', usage: ending.usage });
  if (ending.stopped) events.push({ kind: 'stopped' });
  if (ending.error) events.push({ kind: 'failed', error: ending.error });
  events.push({ kind: 'end' });
  return events.map((event) => turnEvent(turnId, event));
}

/** A finished turn as the host stores it. */
export function turnRecord(id: string, user: UserView, answer: Partial<TurnRecord> = {}): TurnRecord {
  return { id, createdAt: 0, user, effort: { level: 'medium', reason: 'chat', source: 'policy' }, reasoning: '', text: '', steps: [], status: 'done', ...answer };
}

/** A reopened chat as the host sends it: each stored turn replayed into its events. */
export function conversation(turns: TurnRecord[], totalUsage = USAGE, chatId = 'c'): HostMessage {
  return { type: 'conversation', chatId, turns: turns.map((turn) => replayTurn(turn)), totalUsage };
}

export const CONVERSATION: TurnRecord[] = [
  turnRecord('t1', { text: 'Why does `parseConfig` throw on an empty file?', chips: ['config.ts:10-24'] }, {
    reasoning: 'The user asks about parseConfig. JSON.parse("") throws SyntaxError…',
    text: [
      'Because `JSON.parse("")` throws. Guard the empty case:',
      '',
      '```ts src/config.ts',
      'export function parseConfig(text: string): Config {',
      "  if (text.trim() === '') return DEFAULT_CONFIG; // empty file: defaults",
      '  return JSON.parse(text) as Config;',
      '}',
      '```',
      '',
      'See the [MDN page](https://developer.mozilla.org/) for details.',
    ].join('\n'),
    effort: { level: 'medium', reason: 'explain: explaining is quick', source: 'policy', label: 'explain default' },
    usage: USAGE,
    steps: [{ id: 's1', kind: 'tool', title: 'read_file src/config.ts' }],
  }),
];
