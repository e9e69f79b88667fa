import * as assert from 'assert';
import { estimateMessageTokens, estimateTextTokens } from '../../../src/core/tokens';
import { estimateLmTokens, resultText, toApiMessages, type LmMessage } from '../../../src/core/lm/messages';
import { StepError } from '../../../src/core/provider/errors';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const bytes = (text: string) => new TextEncoder().encode(text);

describe('language-model messages → wire messages', () => {
  it('turns text, images and earlier tool calls into the wire shape, tool results before the rest of their message', () => {
    const messages: LmMessage[] = [
      { role: 'system', parts: [{ kind: 'text', text: 'Be brief.' }] },
      { role: 'user', parts: [{ kind: 'text', text: 'What is in this picture?' }, { kind: 'data', mime: 'image/png', bytes: PNG }] },
      {
        role: 'assistant',
        parts: [
          { kind: 'thinking', text: 'Look it up.' },
          { kind: 'text', text: 'Let me check.' },
          { kind: 'toolCall', callId: 'call_1', name: 'lookup', input: { q: 'cat' } },
        ],
      },
      { role: 'user', parts: [{ kind: 'toolResult', callId: 'call_1', parts: [{ kind: 'text', text: 'a cat' }] }, { kind: 'text', text: 'Thanks.' }] },
    ];
    assert.deepStrictEqual(toApiMessages(messages), [
      { role: 'system', content: 'Be brief.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is in this picture?' },
          { type: 'image_url', image_url: { url: `data:image/png;base64,${Buffer.from(PNG).toString('base64')}` } },
        ],
      },
      { role: 'assistant', content: 'Let me check.', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{"q":"cat"}' } }], reasoning: 'Look it up.' },
      { role: 'tool', tool_call_id: 'call_1', content: 'a cat' },
      { role: 'user', content: 'Thanks.' },
    ]);
  });

  it('an assistant message with only a tool call has null content; an empty one is left out', () => {
    const out = toApiMessages([
      { role: 'assistant', parts: [{ kind: 'toolCall', callId: 'c', name: 'n', input: {} }] },
      { role: 'assistant', parts: [{ kind: 'data', mime: 'stateful_marker', bytes: bytes('x') }] },
    ]);
    assert.deepStrictEqual(out, [{ role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'n', arguments: '{}' } }] }]);
  });

  it('reads text-like data parts as text, normalizes image/jpg and ignores cache hints', () => {
    const out = toApiMessages([
      {
        role: 'user',
        parts: [
          { kind: 'data', mime: 'application/json', bytes: bytes('{"a":1}') },
          { kind: 'data', mime: 'cache_control', bytes: bytes('ephemeral') },
          { kind: 'data', mime: 'image/jpg', bytes: PNG },
        ],
      },
    ]);
    const content = out[0]!.content as Array<{ type: string; text?: string; image_url?: { url: string } }>;
    assert.deepStrictEqual(content.map((p) => p.type), ['text', 'image_url']);
    assert.strictEqual(content[0]!.text, '{"a":1}');
    assert.match(content[1]!.image_url!.url, /^data:image\/jpeg;base64,/);
  });

  it('refuses what cannot be sent by message and part, instead of dropping it', () => {
    const tiff = () => toApiMessages([{ role: 'user', parts: [{ kind: 'text', text: 'hi' }, { kind: 'data', mime: 'image/tiff', bytes: PNG }] }]);
    assert.throws(tiff, (e: unknown) => e instanceof StepError && /Message 1, part 2 is an image of type image\/tiff; Step 3\.7 Flash reads PNG, JPEG, WebP and GIF/.test(e.message));
    const audio = () => toApiMessages([{ role: 'user', parts: [{ kind: 'data', mime: 'audio/wav', bytes: PNG }] }]);
    assert.throws(audio, /audio\/wav data, which Step 3\.7 Flash cannot read/);
    const unknown = () => toApiMessages([{ role: 'user', parts: [{ kind: 'other', what: 'a part of an unknown kind (foo)' }] }]);
    assert.throws(unknown, /part 1 is a part of an unknown kind \(foo\)/);
  });

  it('names tool-result parts that are not text instead of dropping them', () => {
    assert.strictEqual(
      resultText([{ kind: 'text', text: 'rows: 2' }, { kind: 'data', mime: 'image/png', bytes: PNG }, { kind: 'data', mime: 'text/csv', bytes: bytes('a,b') }]),
      'rows: 2\n[image/png result of 8 bytes, not shown to the model]\na,b',
    );
  });

  it('counts tokens with the project estimator, skipping parts that could not be sent', () => {
    assert.strictEqual(estimateLmTokens('x'.repeat(35)), estimateTextTokens('x'.repeat(35)));
    const message: LmMessage = { role: 'user', parts: [{ kind: 'text', text: 'y'.repeat(70) }, { kind: 'data', mime: 'audio/wav', bytes: PNG }] };
    assert.strictEqual(estimateLmTokens(message), estimateMessageTokens({ role: 'user', content: 'y'.repeat(70) }));
    const withImage: LmMessage = { role: 'user', parts: [{ kind: 'text', text: 'see' }, { kind: 'data', mime: 'image/png', bytes: PNG }] };
    assert.ok(estimateLmTokens(withImage) > 1000, 'an image costs about what the budget says');
  });
});
