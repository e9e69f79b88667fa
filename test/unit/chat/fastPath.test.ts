import * as assert from 'assert';
import { parseHostMessage } from '../../../src/shared/protocol';
import { asStreamedText } from '../../../webview/fastPath';

describe('the webview fast path for streamed text', () => {
  const accepted = [
    { type: 'turn', turnId: 't1', event: { kind: 'answer', text: 'Hello' } },
    { type: 'turn', turnId: 't1', event: { kind: 'reasoning', text: '' } },
    { type: 'turn', turnId: 't1', event: { kind: 'answer', text: 'x', extra: 1 }, extra: 2 },
  ];
  const passedOn = [
    { type: 'turn', turnId: 42, event: { kind: 'answer', text: 'x' } },
    { type: 'turn', turnId: 't1', event: { kind: 'answer', text: 7 } },
    { type: 'turn', turnId: 't1', event: { kind: 'end' } },
    { type: 'turn', turnId: 't1', event: null },
    { type: 'turn', turnId: 't1' },
    { type: 'notice', level: 'info', text: 'x' },
    'turn',
    null,
  ];

  it('accepts exactly what the schema accepts, and returns what zod would', () => {
    for (const message of accepted) assert.deepStrictEqual(asStreamedText(message), (parseHostMessage(message) as { message: unknown }).message);
  });

  it('leaves everything else to zod', () => {
    for (const message of passedOn) assert.strictEqual(asStreamedText(message), undefined, JSON.stringify(message));
  });
});
