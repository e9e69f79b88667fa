import * as assert from 'assert';
import { cachedShare, formatBill, formatBillShort, formatCachedShare, formatTokens, formatUsd } from '../../../src/shared/bill';
import { addUsage, ZERO_USAGE, type UsageView } from '../../../src/shared/turnViews';

const u = (over: Partial<UsageView>): UsageView => ({ ...ZERO_USAGE, ...over });

describe('the bill in words (src/shared/bill.ts)', () => {
  it('shows input with its cached share, output, reasoning, dollars and the request count', () => {
    const usage = u({ promptTokens: 12_400, cachedTokens: 10_240, completionTokens: 310, reasoningTokens: 120, costUsd: 0.00126, requests: 3 });
    assert.strictEqual(formatBill(usage), '12,400 in (83% cached) · 310 out · 120 reasoning · $0.0013 · 3 requests');
  });

  it('a single request without reasoning says neither; a miss says 0% cached', () => {
    assert.strictEqual(formatBill(u({ promptTokens: 900, completionTokens: 40, costUsd: 0.0002, requests: 1 })), '900 in (0% cached) · 40 out · $0.0002');
  });

  it('a provider without a price shows tokens only; a mix says what the dollars leave out', () => {
    assert.strictEqual(formatBill(u({ promptTokens: 900, completionTokens: 40, requests: 2, unpriced: 2 })), '900 in (0% cached) · 40 out · no price (tokens only) · 2 requests');
    assert.strictEqual(formatBillShort(u({ promptTokens: 900, completionTokens: 40, requests: 1, unpriced: 1 })), '940 tokens');
    assert.strictEqual(formatBill(u({ promptTokens: 900, completionTokens: 40, costUsd: 0.02, requests: 3, unpriced: 1 })), '900 in (0% cached) · 40 out · $0.02 + 1 request without a price · 3 requests');
  });

  it('rounds a small hit up to "<1%" rather than calling it none, and never exceeds 100%', () => {
    assert.strictEqual(formatCachedShare({ promptTokens: 100_000, cachedTokens: 256 }), '<1% cached');
    assert.strictEqual(cachedShare({ promptTokens: 100, cachedTokens: 500 }), 1);
    assert.strictEqual(cachedShare({ promptTokens: 0, cachedTokens: 0 }), 0);
  });

  it('formats tokens and dollars compactly', () => {
    assert.strictEqual(formatTokens(9_999), '9,999');
    assert.strictEqual(formatTokens(12_345), '12.3k');
    assert.strictEqual(formatUsd(0), '$0');
    assert.strictEqual(formatUsd(0.00042), '$0.0004');
    assert.strictEqual(formatUsd(1.5), '$1.50');
  });

  it('sums the optional counts once either side has them, and leaves old records their shape', () => {
    assert.deepStrictEqual(addUsage(ZERO_USAGE, u({ promptTokens: 1 })), u({ promptTokens: 1 }));
    assert.deepStrictEqual(addUsage(u({ requests: 1, reasoningTokens: 5 }), u({ requests: 1, unpriced: 1 })), u({ requests: 2, reasoningTokens: 5, unpriced: 1 }));
  });
});
