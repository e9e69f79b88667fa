import * as assert from 'assert';
import type { HostMessage } from '../../src/shared/protocol';
import { reduceLog, type TurnEvent, type TurnUpdate } from '../../src/shared/turnEvents';
import { webviewPerTest, type WebviewHarness } from './harness';
import { conversation, USAGE } from './samples';

const START: TurnEvent = {
  kind: 'start',
  turnId: 'r1',
  at: 0,
  user: { text: 'Refactor the cart', chips: ['Selection: src/cart.ts'], videos: ['demo.mp4'] },
  effort: { level: 'high', reason: 'refactor', source: 'policy' },
};

/** What a tool-using turn streams: thinking, steps (one completed later), text with code, two requests' usage. */
const STREAM: TurnUpdate[] = [
  { kind: 'queued', position: 1 },
  { kind: 'reasoning', text: 'Read the cart first, ' },
  { kind: 'reasoning', text: 'then move the total.' },
  { kind: 'step', step: { id: 's1', kind: 'tool', title: 'Read src/cart.ts' } },
  { kind: 'step', step: { id: 's2', kind: 'advisor', title: 'Advisor · asked for a plan' } },
  { kind: 'usage', usage: USAGE },
  { kind: 'answer', text: 'Moved the total into ' },
  { kind: 'answer', text: '`lineTotal`:\n\n```ts src/pricing.ts\nexport const lineTotal = (i: Item) => i.price * i.qty;\n```\n' },
  { kind: 'step', step: { id: 's2', kind: 'advisor', title: 'Advisor · asked for a plan', detail: 'Extract the pure function first.', usage: USAGE } },
  { kind: 'usage', usage: USAGE },
];

const ENDINGS: Array<[string, TurnUpdate[]]> = [
  ['finished', [{ kind: 'end' }]],
  ['stopped', [{ kind: 'stopped' }, { kind: 'end' }]],
  ['failed', [{ kind: 'failed', error: { title: 'Server error (500)', message: 'The server failed.', traceId: 'tr-9', actions: [{ id: 'retry', label: 'Retry' }] } }, { kind: 'end' }]],
];

/** The turn's two articles as markup, after the last frame has been painted. */
async function drawn(ui: WebviewHarness): Promise<string> {
  await ui.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return ui.page.locator('.transcript').evaluate((t) => t.innerHTML);
}

describe('turns reopened', () => {
  const open = webviewPerTest();

  for (const [name, ending] of ENDINGS) {
    it(`draws a reopened ${name} turn exactly as it was drawn live`, async () => {
      const events = [START, ...STREAM, ...ending];
      const live = await open();
      for (const event of events) await live.deliver({ type: 'turn', turnId: 'r1', event } satisfies HostMessage);
      const liveMarkup = await drawn(live);

      const reopened = await open();
      await reopened.deliver(conversation([reduceLog(events)!]));
      assert.strictEqual(await drawn(reopened), liveMarkup);

      const answer = reopened.page.locator('[data-turn-id="r1"]');
      assert.strictEqual(await answer.getAttribute('data-status'), name === 'finished' ? 'done' : name === 'stopped' ? 'stopped' : 'error');
      if (name !== 'finished') assert.strictEqual(await answer.locator('.status-badge').textContent(), name === 'stopped' ? 'stopped' : 'failed');
      assert.deepStrictEqual(reopened.pageErrors, []);
    });
  }

  it('shows a step as it completes: its title first, then its detail folded and its own cost', async () => {
    const ui = await open();
    await ui.deliver({ type: 'turn', turnId: 'r1', event: START });
    for (const event of STREAM.slice(0, 5)) await ui.deliver({ type: 'turn', turnId: 'r1', event });
    const steps = ui.page.locator('[data-turn-id="r1"] .steps li');
    assert.deepStrictEqual(await steps.allTextContents(), ['Read src/cart.ts', 'Advisor · asked for a plan']);
    await ui.deliver({ type: 'turn', turnId: 'r1', event: STREAM[8]! });
    const advisor = steps.nth(1);
    assert.strictEqual(await advisor.locator('summary').textContent(), 'Advisor · asked for a plan');
    assert.strictEqual(await advisor.locator('details').evaluate((d) => (d as unknown as { open: boolean }).open), false, 'the detail starts folded');
    await advisor.locator('summary').click();
    assert.strictEqual(await advisor.locator('.step-detail-body').textContent(), 'Extract the pure function first.');
    assert.strictEqual(await advisor.locator('.step-usage').textContent(), ' · 1,234 in (65% cached) · 567 out · $0.0021');
    assert.strictEqual(await steps.count(), 2, 'the completed step replaced the first version of itself');
  });

  it('adds each request’s usage to the chat total as it arrives', async () => {
    const ui = await open();
    await ui.deliver(conversation([], USAGE));
    await ui.deliver({ type: 'turn', turnId: 'r1', event: START });
    await ui.deliver({ type: 'turn', turnId: 'r1', event: { kind: 'usage', usage: USAGE } });
    assert.strictEqual(await ui.page.locator('.total-usage').textContent(), 'This chat: $0.0042 · 3,602 tokens');
  });
});
