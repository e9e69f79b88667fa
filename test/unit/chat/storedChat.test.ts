import * as assert from 'assert';
import { parseStoredChat, serializeChat } from '../../../src/core/chat/storedChat';
import { toApiMessages } from '../../../src/core/chat/messages';
import { eventView, type ChatRecord, type StoredTurnEvent, type StoredUser } from '../../../src/core/chat/types';
import { reduceLog, reduceTurn, replayTurn, type TurnRecord } from '../../../src/shared/turnEvents';
import type { UsageView } from '../../../src/shared/protocol';

const USAGE: UsageView = { promptTokens: 900, completionTokens: 120, cachedTokens: 0, costUsd: 0.0003 };
const EFFORT = { level: 'medium', reason: 'chat', source: 'policy' } as const;
const chat = (turns: ChatRecord['turns']): ChatRecord => ({ id: 'c1', title: 'Parser bug', createdAt: 1, updatedAt: 2, turns, totalUsage: USAGE });

/** A chat as the previous version wrote it: user messages and answers as separate entries. */
const V1_CHAT = {
  id: 'c1',
  title: 'Parser bug',
  createdAt: 10,
  updatedAt: 20,
  totalUsage: USAGE,
  turns: [
    {
      id: 'u1',
      role: 'user',
      text: 'Why does parse throw?',
      createdAt: 11,
      context: [{ label: 'Selection', path: 'src/parse.ts', language: 'typescript', text: 'JSON.parse(text)', startLine: 3 }],
      images: [{ name: 'error.png', mime: 'image/png', base64: 'iVBORw0K', detail: 'low' }],
      videos: [{ name: 'repro.mp4', fileId: 'file-9' }],
    },
    {
      id: 'a1',
      role: 'assistant',
      text: 'Because the file is empty.',
      reasoning: 'Empty input.',
      status: 'done',
      effort: EFFORT,
      usage: USAGE,
      steps: ['Read src/parse.ts'],
      createdAt: 12,
    },
    { id: 'u2', role: 'user', text: 'And now?', createdAt: 13 },
    {
      id: 'a2',
      role: 'assistant',
      text: 'Half an ans',
      status: 'error',
      effort: EFFORT,
      error: { title: 'The answer was cut off', message: 'The stream ended early.', actions: [{ id: 'retry', label: 'Retry' }] },
      createdAt: 14,
    },
    { id: 'u3', role: 'user', text: 'Stop that', createdAt: 15 },
    { id: 'a3', role: 'assistant', text: 'Partial', status: 'stopped', effort: EFFORT, error: { title: 'Cancelled', message: 'x', actions: [] }, createdAt: 16 },
    { id: 'u4', role: 'user', text: 'Saved mid-answer', createdAt: 17 },
    { id: 'a4', role: 'assistant', text: 'So far', status: 'streaming', effort: EFFORT, createdAt: 18 },
    { id: 'u5', role: 'user', text: 'Never answered', createdAt: 19 },
  ],
};

describe('stored chats', () => {
  it('reads a chat saved by the previous version, each question paired with its answer', () => {
    const migrated = parseStoredChat(JSON.stringify(V1_CHAT))!;
    assert.deepStrictEqual([migrated.id, migrated.title, migrated.createdAt, migrated.updatedAt, migrated.totalUsage], ['c1', 'Parser bug', 10, 20, USAGE]);
    assert.deepStrictEqual(
      migrated.turns.map((t) => [t.id, t.user.text, t.text, t.status]),
      [
        ['a1', 'Why does parse throw?', 'Because the file is empty.', 'done'],
        ['a2', 'And now?', 'Half an ans', 'error'],
        ['a3', 'Stop that', 'Partial', 'stopped'],
        ['a4', 'Saved mid-answer', 'So far', 'stopped'],
        ['u5', 'Never answered', '', 'stopped'],
      ],
    );
    const [first, failed, stopped] = migrated.turns;
    assert.deepStrictEqual(first!.user, { text: 'Why does parse throw?', context: V1_CHAT.turns[0]!.context, images: V1_CHAT.turns[0]!.images, videos: V1_CHAT.turns[0]!.videos });
    assert.deepStrictEqual([first!.createdAt, first!.reasoning, first!.usage, first!.effort], [11, 'Empty input.', USAGE, EFFORT]);
    assert.deepStrictEqual(first!.steps, [{ id: 's1', kind: 'tool', title: 'Read src/parse.ts' }]);
    assert.strictEqual(failed!.error!.title, 'The answer was cut off');
    assert.ok(!('error' in stopped!), 'a stopped answer shows the stopped marker, not a "Cancelled" error');
    assert.strictEqual(migrated.turns[4]!.effort.reason, 'not recorded', 'an unanswered message says its effort was not recorded');
  });

  it('sends a migrated chat\'s history to the model, attachments included', () => {
    const migrated = parseStoredChat(JSON.stringify(V1_CHAT))!;
    const messages = toApiMessages('sys', migrated.turns, { text: 'next' });
    assert.deepStrictEqual(
      messages.map((m) => m.role),
      ['system', 'user', 'assistant', 'user', 'user', 'assistant', 'user', 'assistant', 'user', 'user'],
    );
    const first = messages[1]!.content as Array<{ type: string }>;
    assert.deepStrictEqual(first.map((p) => p.type), ['image_url', 'video_url', 'text'], 'attachments survive the upgrade');
  });

  it('saves the new form, which reads back unchanged', () => {
    const migrated = parseStoredChat(JSON.stringify(V1_CHAT))!;
    const saved = serializeChat(migrated);
    assert.strictEqual(JSON.parse(saved).version, 2);
    assert.deepStrictEqual(parseStoredChat(saved), migrated);
  });

  it('reads a turn saved while it still streamed (another turn ended first) as stopped', () => {
    const streaming = reduceLog<StoredUser>([{ kind: 'start', turnId: 't', at: 0, user: { text: 'q' }, effort: EFFORT }, { kind: 'answer', text: 'so far' }])!;
    const read = parseStoredChat(serializeChat(chat([streaming])))!;
    assert.deepStrictEqual([read.turns[0]!.status, read.turns[0]!.text], ['stopped', 'so far']);
  });

  it('refuses what is not a chat rather than open half of one', () => {
    const good = JSON.parse(serializeChat(chat([]))) as Record<string, unknown>;
    for (const [what, text] of [
      ['not JSON', '{"id": "c1", '],
      ['no turns', JSON.stringify({ ...good, turns: undefined })],
      ['a version from the future', JSON.stringify({ ...good, version: 3 })],
      ['a malformed turn', JSON.stringify({ ...good, turns: [{ id: 't', user: { text: 'q' } }] })],
      ['a malformed old entry', JSON.stringify({ ...V1_CHAT, turns: [{ id: 'u', role: 'system', text: 'x' }] })],
    ]) {
      assert.strictEqual(parseStoredChat(text!), undefined, what);
    }
  });
});

describe('a turn run live, saved and reopened', () => {
  const user: StoredUser = {
    text: 'Refactor this',
    context: [{ label: 'Selection', path: 'src/cart.ts', text: 'let total = 0;', startLine: 8 }],
    images: [{ name: 'ui.png', mime: 'image/png', base64: 'iVBORw0K', detail: 'high' }],
    videos: [{ name: 'demo.mp4', fileId: 'file-1' }],
  };
  const start: StoredTurnEvent = { kind: 'start', turnId: 't9', at: 5, user, effort: { level: 'high', reason: 'refactor', source: 'policy' }, sendId: 'send-3' };
  const stream: StoredTurnEvent[] = [
    { kind: 'queued', position: 1 },
    { kind: 'reasoning', text: 'First read ' },
    { kind: 'reasoning', text: 'the file.' },
    { kind: 'step', step: { id: 's1', kind: 'tool', title: 'Read src/cart.ts' } },
    { kind: 'usage', usage: USAGE },
    { kind: 'retry', secondsLeft: 2, attempt: 2, maxAttempts: 4, reason: 'Overloaded (529)' },
    { kind: 'retry', secondsLeft: 1, attempt: 2, maxAttempts: 4, reason: 'Overloaded (529)' },
    { kind: 'answer', text: 'Moved the total ' },
    { kind: 'answer', text: 'into `lineTotal`.' },
    { kind: 'step', step: { id: 's2', kind: 'note', title: 'Proposed changes to 2 file(s)' } },
    { kind: 'usage', usage: USAGE },
  ];
  const endings: Array<[string, StoredTurnEvent[]]> = [
    ['done', [{ kind: 'end' }]],
    ['stopped', [{ kind: 'stopped' }, { kind: 'end' }]],
    ['failed', [{ kind: 'failed', error: { title: 'Server error (500)', message: 'Try again.', traceId: 'tr-1', actions: [{ id: 'retry', label: 'Retry' }] } }, { kind: 'end' }]],
  ];

  for (const [name, ending] of endings) {
    it(`gives the webview the same turn as it had live (${name})`, () => {
      const events = [start, ...stream, ...ending];
      // Live: the webview reduces each event it is posted.
      let live: TurnRecord | undefined;
      for (const event of events) live = reduceTurn(live, eventView(event));
      // The host reduces the same events into the chat it saves; reopening replays the saved record.
      const reopened = parseStoredChat(serializeChat(chat([reduceLog(events)!])))!;
      const replayed = reduceLog(replayTurn(reopened.turns[0]!).map(eventView));
      assert.deepStrictEqual(replayed, live);
      assert.deepStrictEqual(live!.user, { text: 'Refactor this', chips: ['Selection: src/cart.ts'], images: [{ name: 'ui.png', mime: 'image/png', base64: 'iVBORw0K' }], videos: ['demo.mp4'] });
      assert.strictEqual(live!.status, name === 'failed' ? 'error' : name);
    });
  }
});
