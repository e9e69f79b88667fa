import * as assert from 'assert';
import { OUTSIDE_TASKS, requestBill, TaskLedger } from '../../../src/core/cost/tasks';
import { costOf } from '../../../src/core/provider/pricing';
import type { Usage } from '../../../src/core/provider/types';

const usage = (promptTokens: number, cachedTokens: number, completionTokens: number, reasoningTokens?: number): Usage => ({
  promptTokens,
  cachedTokens,
  completionTokens,
  totalTokens: promptTokens + completionTokens,
  ...(reasoningTokens !== undefined ? { reasoningTokens } : {}),
});
const bill = (u: Usage, model = 'step-3.7-flash') => requestBill(u, costOf(u, model));
const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} ≠ ${b}`);

describe('task accounting (src/core/cost/tasks.ts)', () => {
  it('bills one request: cached input at the cached price, reasoning tokens kept, counted as one request', () => {
    const b = bill(usage(10_000, 8_000, 500, 200));
    assert.deepStrictEqual({ ...b, costUsd: 0 }, { promptTokens: 10_000, completionTokens: 500, cachedTokens: 8_000, costUsd: 0, reasoningTokens: 200, requests: 1 });
    close(b.costUsd, (2_000 * 0.2 + 8_000 * 0.04 + 500 * 1.15) / 1e6);
  });

  it('a request without a price counts its tokens and says it is unpriced instead of costing $0', () => {
    const b = bill(usage(1_000, 0, 10), 'my-local-model');
    assert.strictEqual(b.costUsd, 0);
    assert.strictEqual(b.unpriced, 1);
    assert.strictEqual(b.promptTokens, 1_000);
  });

  it('sums every request of a task into it, and the session over all tasks', () => {
    const ledger = new TaskLedger();
    const refactor = { id: 't1', title: 'Refactor' };
    ledger.add(refactor, 'step-3.7-flash', bill(usage(3_000, 0, 100)));
    ledger.add(refactor, 'step-3.7-flash', bill(usage(3_400, 2_944, 120)));
    ledger.add({ id: 't2', title: 'Chat' }, 'step-3.7-flash', bill(usage(500, 0, 50)));
    const [first, second] = ledger.byTask();
    assert.strictEqual(first!.title, 'Refactor');
    assert.strictEqual(first!.usage.requests, 2);
    assert.strictEqual(first!.usage.promptTokens, 6_400);
    assert.strictEqual(first!.usage.cachedTokens, 2_944);
    assert.strictEqual(second!.title, 'Chat');
    assert.strictEqual(ledger.session().requests, 3);
    assert.strictEqual(ledger.session().promptTokens, 6_900);
    close(ledger.session().costUsd, first!.usage.costUsd + second!.usage.costUsd);
    assert.strictEqual(ledger.last()!.id, 't2');
  });

  it('breaks the session down by model, and keeps requests outside any task apart', () => {
    const ledger = new TaskLedger();
    ledger.add({ id: 't1', title: 'Explain' }, 'step-3.7-flash', bill(usage(1_000, 0, 10)));
    ledger.add(OUTSIDE_TASKS, 'step-3.5-flash', bill(usage(1_000, 0, 10), 'step-3.5-flash'));
    ledger.add({ id: 't3', title: 'Chat' }, 'step-3.7-flash', bill(usage(2_000, 1_024, 10)));
    assert.deepStrictEqual(ledger.byModel().map((m) => [m.model, m.usage.requests, m.usage.promptTokens]), [
      ['step-3.7-flash', 2, 3_000],
      ['step-3.5-flash', 1, 1_000],
    ]);
    const lines = ledger.breakdown();
    assert.match(lines[0]!, /^Session: 4,000 in \(26% cached\) · 30 out · \$0\.\d+ · 3 requests$/);
    assert.ok(lines.includes('By task:') && lines.includes('By model:'));
    assert.ok(lines.some((l) => l.startsWith('• Language-model API — 1,000 in (0% cached)')), lines.join('\n'));
    assert.ok(lines.some((l) => l.startsWith('• step-3.5-flash — 1,000 in')), lines.join('\n'));
  });

  it('the status line names the session and the last task with its cached share; tokens only without a price', () => {
    const ledger = new TaskLedger();
    assert.strictEqual(ledger.summary(), 'No requests yet');
    ledger.add({ id: 't1', title: 'Refactor' }, 'step-3.7-flash', bill(usage(10_000, 8_000, 0)));
    assert.strictEqual(ledger.summary(), '$0.0007 session · Refactor $0.0007 (80% cached)');
    ledger.add({ id: 't2', title: 'Chat' }, 'my-local-model', bill(usage(1_000, 0, 234), 'my-local-model'));
    assert.strictEqual(ledger.summary(), '$0.0007 session · Chat 1,234 tokens (0% cached)');
    ledger.reset();
    assert.deepStrictEqual(ledger.breakdown(), ['No requests yet in this session.']);
  });
});
