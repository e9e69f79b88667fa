import * as assert from 'assert';
import type { UsageView } from '../../src/shared/protocol';
import type { TurnRecord } from '../../src/shared/turnEvents';
import { webviewPerTest } from './harness';
import { conversation, turnEvent, turnRecord } from './samples';

/** Two requests of one task: the first step, then a step that reused its prefix from the cache. */
const STEP_1: UsageView = { promptTokens: 3_000, completionTokens: 120, cachedTokens: 0, costUsd: 0.000738, requests: 1 };
const STEP_2: UsageView = { promptTokens: 4_000, completionTokens: 300, reasoningTokens: 180, cachedTokens: 2_944, costUsd: 0.000673, requests: 1 };
const BILL = '7,000 in (42% cached) · 420 out · 180 reasoning · $0.0014 · 2 requests';

describe('a task’s bill on its turn', () => {
  const open = webviewPerTest();

  it('an editor command is its own turn group with its bill — every request summed, the cached share shown — live and after reload', async () => {
    const ui = await open();
    const effort = { level: 'high' as const, reason: 'refactor: multi-file changes', source: 'policy' as const, label: 'refactor default' };
    await ui.deliverAll([
      turnEvent('r1', { kind: 'start', turnId: 'r1', at: 0, user: { text: 'Refactor src/cart.ts: extract the line total' }, effort, task: 'Refactor' }),
      turnEvent('r1', { kind: 'step', step: { id: 's1', kind: 'tool', title: 'Read src/cart.ts' } }),
      turnEvent('r1', { kind: 'usage', usage: STEP_1, model: 'step-3.7-flash' }),
      turnEvent('r1', { kind: 'answer', text: 'Extracted `lineItemTotal` into src/pricing.ts.' }),
      turnEvent('r1', { kind: 'usage', usage: STEP_2, model: 'step-3.7-flash' }),
      turnEvent('r1', { kind: 'end' }),
    ]);
    const check = async (when: string) => {
      const question = ui.page.locator('[data-question-of="r1"]');
      assert.strictEqual(await question.locator('.task-badge').textContent(), 'Refactor', `${when}: the task is named`);
      assert.strictEqual(await question.getAttribute('aria-label'), 'You, Refactor task');
      const answer = ui.page.locator('[data-turn-id="r1"]');
      assert.ok(await answer.evaluate((el) => el.classList.contains('task')), `${when}: the answer is part of the task group`);
      const bill = answer.locator('.answer-footer .usage');
      assert.strictEqual(await bill.textContent(), BILL, when);
      assert.strictEqual(await bill.getAttribute('aria-label'), `Refactor task cost: ${BILL}`);
      assert.ok(await bill.isVisible(), `${when}: the bill is shown`);
    };
    await check('live');
    const stored: TurnRecord = turnRecord('r1', { text: 'Refactor src/cart.ts: extract the line total' }, {
      task: 'Refactor',
      effort,
      text: 'Extracted `lineItemTotal` into src/pricing.ts.',
      steps: [{ id: 's1', kind: 'tool', title: 'Read src/cart.ts' }],
      usage: { promptTokens: 7_000, completionTokens: 420, reasoningTokens: 180, cachedTokens: 2_944, costUsd: 0.000738 + 0.000673, requests: 2 },
    });
    await ui.deliver(conversation([stored]));
    await check('after reload');
    assert.deepStrictEqual(ui.pageErrors, []);
  });

  it('a chat message is not marked as a task, and a server without a price shows tokens only', async () => {
    const ui = await open();
    const usage: UsageView = { promptTokens: 2_000, completionTokens: 50, cachedTokens: 1_536, costUsd: 0, requests: 1, unpriced: 1 };
    await ui.deliver(conversation([turnRecord('c1', { text: 'hi' }, { text: 'hello', usage })], usage));
    assert.strictEqual(await ui.page.locator('[data-question-of="c1"] .task-badge').count(), 0);
    assert.strictEqual(await ui.page.locator('[data-turn-id="c1"] .usage').textContent(), '2,000 in (77% cached) · 50 out · no price (tokens only)');
    assert.strictEqual(await ui.page.locator('.total-usage').textContent(), 'This chat: 2,050 tokens');
  });
});
