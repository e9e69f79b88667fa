import * as assert from 'assert';
import { toApiMessages, titleFrom, userContent } from '../../../src/core/chat/messages';
import { fitToBudget } from '../../../src/core/chat/budget';
import { estimateTextTokens } from '../../../src/core/tokens';
import type { ApiMessage, StoredTurn, StoredUser } from '../../../src/core/chat/types';

const user = (over: Partial<StoredUser>): StoredUser => ({ text: '', ...over });
const turn = (question: string, over: Partial<StoredTurn>): StoredTurn => ({
  id: 't',
  createdAt: 0,
  user: user({ text: question }),
  effort: { level: 'medium', reason: 'chat', source: 'policy' },
  reasoning: '',
  text: '',
  steps: [],
  status: 'done',
  ...over,
});

describe('chat messages', () => {
  it('sends images as data URLs with their detail, then the text', () => {
    const content = userContent(
      user({ text: 'what is this error?', images: [{ name: 'a.png', mime: 'image/png', base64: 'iVBORw0K', detail: 'low' }] }),
    );
    assert.deepStrictEqual(content, [
      { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0K', detail: 'low' } },
      { type: 'text', text: 'what is this error?' },
    ]);
  });

  it('refers to uploaded videos by stepfile:// id', () => {
    const content = userContent(user({ text: 'summarize', videos: [{ name: 'demo.mp4', fileId: 'file-abc' }] }));
    assert.deepStrictEqual((content as Array<{ type: string }>)[0], { type: 'video_url', video_url: { url: 'stepfile://file-abc' } });
  });

  it('puts attached context before the question, fenced with its path', () => {
    const content = userContent(
      user({ text: 'explain', context: [{ label: 'Selection', path: 'src/a.ts', language: 'ts', text: 'const a = 1;', startLine: 4 }] }),
    );
    assert.strictEqual(content, 'Selection: src/a.ts (from line 5)\n```ts\nconst a = 1;\n```\n\nexplain');
  });

  it('leaves failed answers out of the history sent back', () => {
    const messages = toApiMessages('sys', [turn('q1', { text: 'partial', status: 'error' }), turn('q2', { text: 'a2', status: 'done' })], user({ text: 'q3' }));
    assert.deepStrictEqual(
      messages.map((m) => [m.role, m.content]),
      [['system', 'sys'], ['user', 'q1'], ['user', 'q2'], ['assistant', 'a2'], ['user', 'q3']],
    );
  });

  it('leaves a turn that is still streaming out entirely, question and all', () => {
    const messages = toApiMessages('sys', [turn('q1', { text: 'a1' }), turn('busy', { text: 'half an ans', status: 'streaming' })], user({ text: 'q2' }));
    assert.deepStrictEqual(messages.map((m) => m.content), ['sys', 'q1', 'a1', 'q2']);
  });

  it('titles a chat from its first line', () => {
    assert.strictEqual(titleFrom('  Fix the\nbug'), 'Fix the');
    assert.strictEqual(titleFrom(''), 'New chat');
    assert.strictEqual(titleFrom('x'.repeat(80)).length, 58);
  });
});

describe('context budget', () => {
  const user = (chars: number): ApiMessage => ({ role: 'user', content: 'x'.repeat(chars) });

  it('keeps everything when it fits', () => {
    const result = fitToBudget([{ role: 'system', content: 's' }, user(100), user(100)], 1000);
    assert.strictEqual(result.messages.length, 3);
    assert.strictEqual(result.droppedMessages, 0);
  });

  it('drops the oldest messages first', () => {
    const result = fitToBudget([{ role: 'system', content: 's' }, user(3500), user(35), user(35)], 100);
    assert.strictEqual(result.droppedMessages, 1);
    assert.strictEqual(result.messages.length, 3);
  });

  it('never keeps a tool result without its call', () => {
    const messages: ApiMessage[] = [
      { role: 'system', content: 's' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'read_file', arguments: 'x'.repeat(3500) } }] },
      { role: 'tool', tool_call_id: 'c', content: 'ok' },
      user(35),
    ];
    const result = fitToBudget(messages, 100);
    assert.deepStrictEqual(result.messages.map((m) => m.role), ['system', 'user']);
  });

  it('refuses, with a reason, a newest message that cannot fit', () => {
    const result = fitToBudget([{ role: 'system', content: 's' }, user(10_000)], 100);
    assert.ok(result.overflow);
    assert.match(result.overflow!, /tokens/);
    assert.ok(estimateTextTokens('x'.repeat(10_000)) > 100);
  });
});
