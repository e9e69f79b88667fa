import * as assert from 'assert';
import { StreamAccumulator } from '../../../src/core/provider/stream';

const chunk = (delta: Record<string, unknown>, extra: Record<string, unknown> = {}, finish: string | null = null) => ({
  id: 'c1',
  model: 'step-3.7-flash',
  choices: [{ index: 0, delta, finish_reason: finish }],
  ...extra,
});

describe('StreamAccumulator', () => {
  it('reads reasoning from reasoning, reasoning_content, or reasoning_details', () => {
    const acc = new StreamAccumulator();
    acc.push(chunk({ reasoning: 'a' }));
    acc.push(chunk({ reasoning_content: 'b' }));
    acc.push(chunk({ reasoning_details: [{ type: 'reasoning.text', text: 'c', index: 0 }] }));
    acc.push(chunk({ reasoning_details: [{ type: 'reasoning.summary', summary: 'd', index: 1 }] }));
    acc.push(chunk({ reasoning_details: [{ type: 'reasoning.encrypted', data: 'xyz', index: 2 }] }));
    assert.strictEqual(acc.reasoning, 'abcd');
  });

  it('does not double-count OpenRouter reasoning sent in both fields, and merges details per index', () => {
    const acc = new StreamAccumulator();
    for (const piece of ['Let ', 'me ', 'think.']) {
      const delta = acc.push(chunk({ reasoning: piece, reasoning_details: [{ type: 'reasoning.text', text: piece, format: 'unknown', index: 0 }] }));
      assert.strictEqual(delta.reasoning, piece);
    }
    acc.push(chunk({ reasoning_details: [{ type: 'reasoning.text', signature: 'sig', index: 0 }] }));
    assert.strictEqual(acc.reasoning, 'Let me think.');
    assert.deepStrictEqual(acc.reasoningDetails, [{ type: 'reasoning.text', text: 'Let me think.', format: 'unknown', index: 0, signature: 'sig' }]);
  });

  it('merges tool-call deltas by index', () => {
    const acc = new StreamAccumulator();
    acc.push(chunk({ tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'read', arguments: '' } }] }));
    acc.push(chunk({ tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'list', arguments: '{"p' } }] }));
    acc.push(chunk({ tool_calls: [{ index: 0, function: { arguments: '{"x":1}' } }] }));
    acc.push(chunk({ tool_calls: [{ index: 1, function: { arguments: '":2}' } }] }, {}, 'tool_calls'));
    assert.deepStrictEqual(acc.toolCalls, [
      { id: 'call_a', type: 'function', function: { name: 'read', arguments: '{"x":1}' } },
      { id: 'call_b', type: 'function', function: { name: 'list', arguments: '{"p":2}' } },
    ]);
    assert.strictEqual(acc.finishReason, 'tool_calls');
  });

  it('without index: continues the last call, and a new id starts a new one', () => {
    const acc = new StreamAccumulator();
    acc.push(chunk({ tool_calls: [{ id: 'call_a', function: { name: 'read', arguments: '{"a"' } }] }));
    acc.push(chunk({ tool_calls: [{ function: { arguments: ':1}' } }] }));
    acc.push(chunk({ tool_calls: [{ id: 'call_a', function: { arguments: '' } }] }));
    acc.push(chunk({ tool_calls: [{ id: 'call_b', function: { name: 'list', arguments: '{}' } }] }));
    assert.deepStrictEqual(
      acc.toolCalls.map((c) => [c.id, c.function.name, c.function.arguments]),
      [
        ['call_a', 'read', '{"a":1}'],
        ['call_b', 'list', '{}'],
      ],
    );
  });

  it('keeps the last cumulative usage; cached tokens at top level or in prompt_tokens_details; OpenRouter cost', () => {
    const acc = new StreamAccumulator();
    acc.push(chunk({ content: 'a' }, { usage: { prompt_tokens: 300, completion_tokens: 1, total_tokens: 301, cached_tokens: 256 } }));
    acc.push(chunk({ content: 'b' }, { usage: { prompt_tokens: 300, completion_tokens: 2, total_tokens: 302, cached_tokens: 256 } }));
    assert.deepStrictEqual(acc.usage, { promptTokens: 300, completionTokens: 2, totalTokens: 302, cachedTokens: 256 });
    acc.push(chunk({}, { usage: null }));
    assert.strictEqual(acc.usage?.completionTokens, 2, 'a null usage does not erase the last one');
    const or = new StreamAccumulator();
    or.push(
      chunk({}, { usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15, cost: 0.0123, prompt_tokens_details: { cached_tokens: 4 }, completion_tokens_details: { reasoning_tokens: 3 } } }),
    );
    assert.deepStrictEqual(or.usage, { promptTokens: 10, completionTokens: 5, totalTokens: 15, cachedTokens: 4, reasoningTokens: 3, providerCostUsd: 0.0123 });
  });

  it('treats "" and null finish_reason as not finished', () => {
    const acc = new StreamAccumulator();
    acc.push(chunk({ content: 'x' }, {}, ''));
    assert.strictEqual(acc.finishReason, null);
    acc.push(chunk({ content: 'y' }, {}, null));
    assert.strictEqual(acc.finishReason, null);
    acc.push(chunk({}, {}, 'length'));
    assert.strictEqual(acc.finishReason, 'length');
  });

  it('answerText falls back to reasoning only when content is empty and the finish is stop', () => {
    const stop = new StreamAccumulator();
    stop.push(chunk({ reasoning: 'The answer is 4.' }, {}, 'stop'));
    assert.strictEqual(stop.answerText, 'The answer is 4.');
    const cut = new StreamAccumulator();
    cut.push(chunk({ reasoning: 'Still thinking' }, {}, 'length'));
    assert.strictEqual(cut.answerText, '');
    const both = new StreamAccumulator();
    both.push(chunk({ reasoning: 'r', content: 'c' }, {}, 'stop'));
    assert.strictEqual(both.answerText, 'c');
  });

  it('folds a non-stream completion (message instead of delta)', () => {
    const acc = new StreamAccumulator();
    acc.push({ id: 'x', choices: [{ index: 0, message: { role: 'assistant', content: 'hi', reasoning: 'r' }, finish_reason: 'stop' }] });
    assert.strictEqual(acc.content, 'hi');
    assert.strictEqual(acc.reasoning, 'r');
  });

  it('accumulates a 200k-token stream exactly', () => {
    const acc = new StreamAccumulator();
    const pieces: string[] = [];
    for (let i = 0; i < 200_000; i++) {
      const piece = `t${i % 10} `;
      pieces.push(piece);
      acc.push(chunk({ content: piece }));
      if (i % 50_000 === 0) assert.ok(acc.content.length > 0);
    }
    assert.strictEqual(acc.content, pieces.join(''));
  });

  it('reads content sent as a list of parts: text to the answer, thinking (string, list or text field) to the reasoning', () => {
    const acc = new StreamAccumulator();
    const d1 = acc.push(chunk({ content: [{ type: 'thinking', thinking: [{ type: 'text', text: 'Plan: ' }] }] }));
    assert.deepStrictEqual(d1, { reasoning: 'Plan: ' });
    acc.push(chunk({ content: [{ type: 'thinking', thinking: 'sum lines. ' }, { type: 'thinking', text: 'Then discount.' }] }));
    const d2 = acc.push(chunk({ content: [{ type: 'text', text: 'The total ' }, { type: 'text', text: 'is 42.' }] }));
    assert.deepStrictEqual(d2, { content: 'The total is 42.' });
    acc.push(chunk({ content: [] }, {}, 'stop'));
    assert.strictEqual(acc.reasoning, 'Plan: sum lines. Then discount.');
    assert.strictEqual(acc.content, 'The total is 42.');
    assert.strictEqual(acc.answerText, 'The total is 42.');
    assert.ok(acc.hasOutput);
  });

  it('ignores list parts it cannot read (images, nulls) without losing the text around them', () => {
    const acc = new StreamAccumulator();
    acc.push(chunk({ content: [null, { type: 'image_url', image_url: { url: 'x' } }, { type: 'text', text: 'kept' }, 7] }));
    assert.strictEqual(acc.content, 'kept');
    assert.strictEqual(acc.reasoning, '');
  });

  it('folds a non-stream message whose content is a list of parts', () => {
    const acc = new StreamAccumulator();
    acc.push({ choices: [{ index: 0, message: { role: 'assistant', content: [{ type: 'thinking', thinking: 'r' }, { type: 'text', text: 'hi' }] }, finish_reason: 'stop' }] });
    assert.strictEqual(acc.content, 'hi');
    assert.strictEqual(acc.reasoning, 'r');
  });
});
