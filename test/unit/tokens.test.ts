import * as assert from 'assert';
import { fitToBudget } from '../../src/core/chat/budget';
import { estimateTokens } from '../../src/core/provider/chatStream';
import type { ChatMessage } from '../../src/core/provider/types';
import { estimateMessageTokens, estimateTextTokens } from '../../src/core/tokens';

const messages: ChatMessage[] = [
  { role: 'system', content: 's'.repeat(70) },
  {
    role: 'user',
    content: [
      { type: 'text', text: 'x'.repeat(35) },
      { type: 'image_url', image_url: { url: 'data:image/png;base64,AA', detail: 'low' } },
      { type: 'image_url', image_url: { url: 'data:image/png;base64,AA' } },
      { type: 'video_url', video_url: { url: 'stepfile://v1' } },
    ],
  },
  { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'read_file', arguments: '{"path":"a.ts"}' } }] },
  { role: 'tool', tool_call_id: 'c1', content: 'y'.repeat(7) },
];

describe('token estimate (one rule for the context budget and the rate limiter)', () => {
  it('counts text at 3.5 characters a token, rounding up', () => {
    assert.strictEqual(estimateTextTokens(''), 0);
    assert.strictEqual(estimateTextTokens('x'.repeat(7)), 2);
    assert.strictEqual(estimateTextTokens('x'.repeat(8)), 3);
  });

  it('prices images by detail and a video flat, plus each message and tool call', () => {
    assert.deepStrictEqual(messages.map(estimateMessageTokens), [4 + 20, 4 + 10 + 400 + 1_600 + 8_000, 4 + 0 + 5 + 8, 4 + 2]);
  });

  it("gives the rate limiter the context budget's figure plus the reply allowance", () => {
    const budget = fitToBudget(messages);
    assert.strictEqual(budget.droppedMessages, 0);
    assert.strictEqual(estimateTokens({ messages }), budget.estimatedTokens);
    assert.strictEqual(estimateTokens({ messages, maxTokens: 1_000 }), budget.estimatedTokens + 1_000);
  });
});
