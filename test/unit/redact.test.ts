import * as assert from 'assert';
import { redactSecrets } from '../../src/core/redact';

describe('redactSecrets', () => {
  it('replaces a known key wherever it appears', () => {
    const key = 'a1b2c3d4e5f6g7h8';
    assert.strictEqual(redactSecrets(`key=${key} and again ${key}`, [key]), 'key=[redacted] and again [redacted]');
  });

  it('masks bearer tokens and sk- keys it was never told about', () => {
    const out = redactSecrets('Authorization: Bearer abcdefghijklmnop123 sk-ABCDEFGHIJKLMNOP');
    assert.ok(!out.includes('abcdefghijklmnop123'), out);
    assert.ok(!out.includes('ABCDEFGHIJKLMNOP'), out);
  });

  it('leaves ordinary text alone', () => {
    assert.strictEqual(redactSecrets('401 from https://api.stepfun.ai/v1/models', ['zzzzzz']), '401 from https://api.stepfun.ai/v1/models');
  });
});
