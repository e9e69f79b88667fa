import * as assert from 'assert';
import type * as Playwright from 'playwright-core';
import { webviewPerTest } from './harness';
import { answerDelta, conversation, CONVERSATION, turnRecord, turnStart } from './samples';

/** What has focus, as "tag.class" or its aria-label. */
const focused = (page: Playwright.Page) =>
  page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    return active ? active.getAttribute('aria-label') ?? `${active.tagName.toLowerCase()}.${active.className}` : 'none';
  });

/** Presses Tab until the message box has focus; the number of presses it took. */
async function tabsToInput(page: Playwright.Page, limit = 20): Promise<number> {
  for (let n = 1; n <= limit; n++) {
    await page.keyboard.press('Tab');
    if ((await focused(page)) === 'Message') return n;
  }
  return Infinity;
}

/** A chat whose last answers carry several code blocks, each with Copy, Insert and Apply. */
const CODE_HEAVY = [
  ...CONVERSATION,
  turnRecord('t2', { text: 'And the tests?' }, { text: 'Two files:\n\n```ts test/a.ts\nconst a = 1;\n```\n\n```ts test/b.ts\nconst b = 2;\n```\n\nSee [the docs](https://example.com).' }),
];

describe('keyboard: reaching and leaving the message box', () => {
  const open = webviewPerTest();

  it('Open Chat (the host asks for the input) puts the caret in the message box, and what is typed lands there', async () => {
    const ui = await open();
    await ui.page.getByRole('textbox', { name: 'Message' }).fill('draft');
    await ui.page.getByRole('button', { name: 'Show chat history' }).focus();
    await ui.deliver({ type: 'focusInput' });
    assert.strictEqual(await focused(ui.page), 'Message');
    await ui.page.keyboard.type(' more');
    assert.strictEqual(await ui.page.getByRole('textbox', { name: 'Message' }).inputValue(), 'draft more', 'the caret went to the end');
  });

  it('focusing the view with nothing inside focused (Focus on Chat View) lands in the message box', async () => {
    const ui = await open();
    await ui.page.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      window.dispatchEvent(new FocusEvent('focus'));
    });
    assert.strictEqual(await focused(ui.page), 'Message');
  });

  it('a click that brings focus into the view (to select text) stays where it was, not in the message box', async () => {
    const ui = await open();
    await ui.page.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      document.querySelector('.transcript')!.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
      window.dispatchEvent(new FocusEvent('focus'));
    });
    assert.notStrictEqual(await focused(ui.page), 'Message');
  });

  it('from the top of the view the message box is three Tabs away, however many buttons the answers have', async () => {
    const ui = await open();
    await ui.deliver(conversation(CODE_HEAVY));
    const buttons = await ui.page.locator('.transcript button').count();
    assert.ok(buttons >= 10, `the answers carry ${buttons} buttons`);
    await ui.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    // History, the message list (one stop), the message box.
    assert.strictEqual(await tabsToInput(ui.page), 3);
  });

  it('inside the message list, arrows move between messages and a message opens its own buttons to Tab', async () => {
    const ui = await open();
    await ui.deliver(conversation(CODE_HEAVY));
    await ui.page.getByRole('log', { name: 'Messages' }).focus();
    await ui.page.keyboard.press('ArrowUp');
    assert.strictEqual(await focused(ui.page), 'Answer', 'Up from the list goes to the newest message');
    assert.strictEqual(await ui.page.evaluate(() => (document.activeElement as HTMLElement).dataset.turnId), 't2');
    await ui.page.keyboard.press('Tab');
    assert.strictEqual(await focused(ui.page), 'Copy ts code', "Tab goes into this answer's own controls");
    await ui.page.keyboard.press('Enter');
    assert.deepStrictEqual((await ui.waitForPosted('copyText')).text, 'const a = 1;\n');
    await ui.page.keyboard.press('Shift+Tab');
    await ui.page.keyboard.press('ArrowUp');
    assert.strictEqual(await focused(ui.page), 'You', 'Up again reaches the question');
    await ui.page.keyboard.press('Home');
    assert.strictEqual(await ui.page.evaluate(() => (document.activeElement as HTMLElement).dataset.questionOf), 't1');
    assert.strictEqual(await tabsToInput(ui.page), 1, 'the question has no controls: Tab leaves the list for the message box');
  });

  it('typing while a message has focus goes to the message box', async () => {
    const ui = await open();
    await ui.deliver(conversation(CODE_HEAVY));
    await ui.page.getByRole('log', { name: 'Messages' }).focus();
    await ui.page.keyboard.press('ArrowUp');
    await ui.page.keyboard.type('why?');
    assert.strictEqual(await focused(ui.page), 'Message');
    assert.strictEqual(await ui.page.getByRole('textbox', { name: 'Message' }).inputValue(), 'why?');
  });

  it('Escape stops a streaming answer, from the message box or anywhere in the view', async () => {
    const ui = await open();
    await ui.deliver(turnStart('t5', 'Write a long essay'));
    await ui.deliver(answerDelta('t5', 'Once upon a time'));
    await ui.page.getByRole('textbox', { name: 'Message' }).focus();
    await ui.page.keyboard.press('Escape');
    assert.deepStrictEqual(await ui.waitForPosted('stop'), { type: 'stop', turnId: 't5' });
    await ui.page.getByRole('log', { name: 'Messages' }).focus();
    await ui.page.keyboard.press('Escape');
    assert.strictEqual((await ui.posted()).filter((m) => m.type === 'stop').length, 2);
  });

  it('Escape first closes what is open (file suggestions, history), and does nothing when no answer streams', async () => {
    const ui = await open();
    await ui.deliver(turnStart('t6'));
    const input = ui.page.getByRole('textbox', { name: 'Message' });
    await input.click();
    await ui.page.keyboard.type('@ca');
    const request = await ui.waitForPosted('completeFiles');
    await ui.deliver({ type: 'fileCompletions', requestId: request.requestId, items: ['src/cart.ts'] });
    await ui.page.getByRole('listbox').waitFor();
    await ui.page.keyboard.press('Escape');
    assert.ok(await ui.page.getByRole('listbox').isHidden());
    await ui.page.getByRole('button', { name: 'Show chat history' }).click();
    await ui.page.keyboard.press('Escape');
    assert.ok(await ui.page.getByRole('navigation', { name: 'Chat history' }).isHidden());
    assert.strictEqual(await focused(ui.page), 'Show chat history', 'focus returns to the toggle');
    assert.strictEqual((await ui.posted()).filter((m) => m.type === 'stop').length, 0, 'closing things stopped nothing');
  });
});
