/** Host messages the UI tests deliver: a plausible status, usage and a small conversation. */
import type { HostMessage, MessageView, StatusView, UsageView } from '../../src/shared/protocol';

export const STATUS: StatusView = {
  providerLabel: 'StepFun (global)',
  model: 'step-3.7-flash',
  keyPresent: true,
  supportsImages: true,
  supportsVideo: true,
  maxImageEdge: 2048,
  maxImageBytes: 10 * 1024 * 1024,
  defaultDetail: 'high',
};

export const USAGE: UsageView = { promptTokens: 1234, completionTokens: 567, cachedTokens: 800, costUsd: 0.0021 };
export const ZERO: UsageView = { promptTokens: 0, completionTokens: 0, cachedTokens: 0, costUsd: 0 };

export function status(overrides: Partial<StatusView> = {}): HostMessage {
  return { type: 'status', status: { ...STATUS, ...overrides } };
}

export function userMessage(id: string, text: string, extra: Partial<MessageView> = {}): MessageView {
  return { id, role: 'user', text, ...extra };
}

/** A turn the host started; pass the `sendId` of the webview's send it answers (none for a command's turn). */
export function turnStart(turnId: string, text = 'Explain this', sendId?: string): HostMessage {
  return {
    type: 'turnStart',
    turnId,
    user: userMessage(`u-${turnId}`, text),
    effort: { level: 'high', reason: 'refactor', source: 'policy' },
    ...(sendId ? { sendId } : {}),
  };
}

export const CONVERSATION: MessageView[] = [
  userMessage('u1', 'Why does `parseConfig` throw on an empty file?', { chips: ['config.ts:10-24'] }),
  {
    id: 't1',
    role: 'assistant',
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
    status: 'done',
    effort: { level: 'medium', reason: 'explain', source: 'policy' },
    usage: USAGE,
    steps: ['read_file src/config.ts'],
  },
];
