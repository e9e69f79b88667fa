import * as assert from 'assert';
import type * as Playwright from 'playwright-core';
import { webviewPerTest } from './harness';
import { answerDelta, conversation, turnEnd, turnEvent, turnRecord, turnStart, USAGE } from './samples';

/** How far the message list is from its end, in pixels, after the next two frames. */
async function distanceFromEnd(page: Playwright.Page): Promise<number> {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return page.locator('.transcript').evaluate((t) => t.scrollHeight - t.scrollTop - t.clientHeight);
}

/** Whether `selector` lies wholly inside the message list's visible area. */
function fullyVisible(page: Playwright.Page, selector: string): Promise<boolean> {
  return page.evaluate((sel) => {
    const box = document.querySelector(sel)!.getBoundingClientRect();
    const view = document.querySelector('.transcript')!.getBoundingClientRect();
    return box.height > 0 && box.top >= view.top - 1 && box.bottom <= view.bottom + 1;
  }, selector);
}

const TALL_QUESTION = Array.from({ length: 80 }, (_, i) => `Line ${i + 1}: please review this long request about the shopping cart module and its totals.`).join('\n');
const paragraph = (i: number) => `Paragraph ${i}: the cart total is the sum of each line's price times its quantity.\n\n`;

describe('following the answer', () => {
  const open = webviewPerTest();

  it('follows a streaming answer under a tall question to its end, footer included', async () => {
    const ui = await open();
    await ui.deliver(turnStart('t1', TALL_QUESTION));
    for (let i = 0; i < 30; i++) await ui.deliver(answerDelta('t1', paragraph(i)));
    await ui.page.locator('[data-turn-id="t1"] .markdown', { hasText: 'Paragraph 29' }).waitFor();
    assert.ok((await distanceFromEnd(ui.page)) <= 2, 'at the end while streaming');
    await ui.deliverAll(turnEnd('t1', { usage: USAGE }));
    await ui.page.locator('[data-turn-id="t1"][data-status="done"]').waitFor();
    assert.ok((await distanceFromEnd(ui.page)) <= 2, 'still at the end once the footer appears');
    assert.ok(await fullyVisible(ui.page, '[data-turn-id="t1"] .retry-btn'), 'Retry is not cut off');
    assert.ok(await fullyVisible(ui.page, '[data-turn-id="t1"] .usage'), 'the usage line is not cut off');
  });

  it('stops following when the user scrolls up, and follows again once they scroll back to the end', async () => {
    const ui = await open();
    await ui.deliver(turnStart('t1', 'Explain the cart'));
    for (let i = 0; i < 30; i++) await ui.deliver(answerDelta('t1', paragraph(i)));
    await ui.page.locator('.markdown', { hasText: 'Paragraph 29' }).waitFor();
    const transcript = ui.page.locator('.transcript');
    await transcript.hover();
    await ui.page.mouse.wheel(0, -400);
    await ui.page.waitForFunction(() => {
      const t = document.querySelector('.transcript')!;
      return t.scrollHeight - t.scrollTop - t.clientHeight > 300;
    });
    const readingAt = await transcript.evaluate((t) => t.scrollTop);
    for (let i = 30; i < 40; i++) await ui.deliver(answerDelta('t1', paragraph(i)));
    await ui.page.locator('.markdown', { hasText: 'Paragraph 39' }).waitFor();
    assert.ok(Math.abs((await transcript.evaluate((t) => t.scrollTop)) - readingAt) <= 2, 'what the user reads stays put');
    assert.ok((await distanceFromEnd(ui.page)) > 300);
    await transcript.evaluate((t) => t.scrollTo({ top: t.scrollHeight }));
    await ui.page.mouse.wheel(0, 200);
    for (let i = 40; i < 50; i++) await ui.deliver(answerDelta('t1', paragraph(i)));
    await ui.page.locator('.markdown', { hasText: 'Paragraph 49' }).waitFor();
    assert.ok((await distanceFromEnd(ui.page)) <= 2, 'back at the end, it follows again');
  });

  it('opening an older chat lands at its end, not in the middle of a message', async () => {
    const ui = await open();
    const long = Array.from({ length: 60 }, (_, i) => paragraph(i)).join('');
    const turns = Array.from({ length: 12 }, (_, i) => turnRecord(`o${i}`, { text: i % 3 === 0 ? TALL_QUESTION : `Question ${i}` }, { text: `${long}End of answer ${i}.`, usage: USAGE }));
    await ui.deliver(conversation(turns, USAGE, 'older'));
    await ui.page.locator('[data-turn-id="o11"] .markdown', { hasText: 'End of answer 11.' }).waitFor();
    assert.ok((await distanceFromEnd(ui.page)) <= 2);
    assert.ok(await fullyVisible(ui.page, '[data-turn-id="o11"] .retry-btn'));
  });
});

describe('stopped and retried answers', () => {
  const open = webviewPerTest();

  it('a stopped answer says where it stopped, at the end of its text', async () => {
    const ui = await open();
    await ui.deliver(turnStart('t1', 'Write it all'));
    await ui.deliver(answerDelta('t1', 'The first half of the'));
    await ui.deliverAll(turnEnd('t1', { stopped: true }));
    const note = ui.page.locator('[data-turn-id="t1"] .end-note');
    assert.strictEqual(await note.textContent(), 'Stopped — the answer above is incomplete.');
    assert.ok(await note.evaluate((n) => n.previousElementSibling?.classList.contains('markdown')), 'right after the text');
  });

  it('Retry keeps the earlier answer, marked, and the new one follows it', async () => {
    const ui = await open();
    await ui.deliver(turnStart('t1', 'Write it all'));
    await ui.deliver(answerDelta('t1', 'The first half of the'));
    await ui.deliverAll(turnEnd('t1', { stopped: true }));
    await ui.page.getByRole('button', { name: 'Retry this answer' }).click();
    assert.deepStrictEqual(await ui.waitForPosted('retry'), { type: 'retry', turnId: 't1' });
    await ui.deliver(turnStart('t2', 'Write it all'));
    await ui.deliver(turnEvent('t1', { kind: 'retried', by: 't2' }));
    await ui.deliver(answerDelta('t2', 'The whole answer.'));
    await ui.deliverAll(turnEnd('t2'));
    const first = ui.page.locator('[data-turn-id="t1"]');
    assert.strictEqual((await first.locator('.markdown').textContent())?.trim(), 'The first half of the', 'the stopped text is still there');
    assert.match((await first.locator('.end-note').textContent()) ?? '', /^Retried below — this answer was stopped; /);
    assert.deepStrictEqual(await ui.page.locator('.transcript article.assistant').evaluateAll((a) => a.map((e) => (e as HTMLElement).dataset.turnId)), ['t1', 't2']);
  });
});
