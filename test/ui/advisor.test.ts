import * as assert from 'assert';
import { webviewPerTest } from './harness';
import { conversation, CONVERSATION, turnEnd, turnStart } from './samples';

describe('advisor: Ask the Advisor on an answer', () => {
  const open = webviewPerTest();
  const button = 'Ask the advisor about this answer';

  it('is offered on the last answer only while the advisor is on, and asks about that answer', async () => {
    const ui = await open({ status: { advisor: true } });
    await ui.deliver(conversation(CONVERSATION));
    await ui.page.getByRole('button', { name: button }).click();
    assert.deepStrictEqual(await ui.waitForPosted('advise'), { type: 'advise', turnId: 't1' });
    await ui.deliver(turnStart('t2'));
    assert.strictEqual(await ui.page.getByRole('button', { name: button }).count(), 0, 'hidden while streaming and on older answers');
    await ui.deliverAll(turnEnd('t2', { error: { title: 'Server error (500)', message: 'The server failed.', actions: [] } }));
    const visible = ui.page.getByRole('button', { name: button });
    assert.strictEqual(await visible.count(), 1);
    assert.strictEqual(await visible.evaluate((b) => b.closest('article')?.getAttribute('data-turn-id')), 't2', 'a failed answer offers it too');
  });

  it('is not offered while the advisor is off', async () => {
    const ui = await open();
    await ui.deliver(conversation(CONVERSATION));
    assert.strictEqual(await ui.page.getByRole('button', { name: 'Retry this answer' }).count(), 1);
    assert.strictEqual(await ui.page.getByRole('button', { name: button }).count(), 0);
  });
});
