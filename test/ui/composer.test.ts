import * as assert from 'assert';
import { chooseFromDropdown, mediaFixture, WebviewHarness, webviewPerTest } from './harness';
import { turnStart } from './samples';

describe('composer', () => {
  const openPage = webviewPerTest();
  const open = (state?: unknown) => openPage({ state });

  const sends = async (h: WebviewHarness) => (await h.posted()).filter((m) => m.type === 'send');

  it('Enter sends, Shift+Enter breaks the line, and the input is cleared after sending', async () => {
    const ui = await open();
    const input = ui.page.getByRole('textbox', { name: 'Message' });
    await input.click();
    await ui.page.keyboard.type('first line');
    await ui.page.keyboard.press('Shift+Enter');
    await ui.page.keyboard.type('second line');
    assert.strictEqual(await input.inputValue(), 'first line\nsecond line');
    assert.strictEqual((await sends(ui)).length, 0);
    await ui.page.keyboard.press('Enter');
    const sent = await ui.waitForPosted('send');
    assert.match(sent.sendId, /^send-/);
    assert.deepStrictEqual(sent, { type: 'send', sendId: sent.sendId, text: 'first line\nsecond line', effort: 'auto', attachments: [], chips: [] });
    assert.strictEqual(await input.inputValue(), '');
  });

  it('never sends on Enter during IME composition', async () => {
    const ui = await open();
    const input = ui.page.getByRole('textbox', { name: 'Message' });
    await input.fill('にほんご');
    await input.dispatchEvent('keydown', { key: 'Enter', isComposing: true, bubbles: true, cancelable: true });
    await input.dispatchEvent('keydown', { key: 'Enter', keyCode: 229, bubbles: true, cancelable: true });
    await ui.page.waitForTimeout(100);
    assert.strictEqual((await sends(ui)).length, 0);
    assert.strictEqual(await input.inputValue(), 'にほんご');
  });

  it('sends the chosen effort, and shows the provider and model from status', async () => {
    const ui = await open();
    assert.strictEqual(await ui.page.locator('#status').textContent(), 'StepFun (global) · step-3.7-flash');
    await chooseFromDropdown(ui.page, 'Reasoning effort', 'High');
    await ui.page.getByRole('textbox', { name: 'Message' }).fill('refactor this');
    await ui.page.getByRole('button', { name: 'Send message' }).click();
    assert.strictEqual((await ui.waitForPosted('send')).effort, 'high');
  });

  it('the toolbar works from the keyboard: effort by arrow keys, Send by Enter on the focused button', async () => {
    const ui = await open();
    await ui.page.getByRole('textbox', { name: 'Message' }).fill('by keyboard');
    const effort = ui.page.getByRole('combobox', { name: 'Reasoning effort' });
    await effort.focus();
    await ui.page.keyboard.press('ArrowDown'); // Auto → Low
    await ui.page.keyboard.press('ArrowDown'); // Low → Medium
    await ui.page.keyboard.press('Tab'); // on to the effort lock
    await ui.page.keyboard.press('Tab'); // on to Send (the spacer between them is not focusable)
    assert.strictEqual((await sends(ui)).length, 0, 'choosing an effort does not send');
    await ui.page.keyboard.press('Enter');
    const sent = await ui.waitForPosted('send');
    assert.strictEqual(sent.text, 'by keyboard');
    assert.strictEqual(sent.effort, 'medium');
  });

  it('History is an icon button that expands the list; New chat is left to the view title (+), not repeated', async () => {
    const ui = await open();
    const history = ui.page.getByRole('button', { name: 'Show chat history' });
    assert.strictEqual(await history.getAttribute('aria-expanded'), 'false');
    await history.click();
    assert.strictEqual(await history.getAttribute('aria-expanded'), 'true');
    assert.strictEqual(await ui.page.getByRole('button', { name: /new chat/i }).count(), 0, 'one New chat control: the view title action');
    assert.deepStrictEqual(ui.pageErrors, []);
  });

  it('does not send while an answer streams, and keeps the text', async () => {
    const ui = await open();
    await ui.deliver(turnStart('t1'));
    const input = ui.page.getByRole('textbox', { name: 'Message' });
    await input.fill('next question');
    await input.press('Enter');
    await ui.page.locator('.composer-notes .note', { hasText: 'still streaming' }).waitFor();
    assert.strictEqual((await sends(ui)).length, 0);
    assert.strictEqual(await input.inputValue(), 'next question');
  });

  it('shows chips from the host, removes one, and sends the rest', async () => {
    const ui = await open();
    await ui.deliver({ type: 'addChip', chip: { id: 'sel', kind: 'selection', label: 'a.ts', path: 'src/a.ts', startLine: 3, endLine: 9 } });
    await ui.deliver({ type: 'addChip', chip: { id: 'file', kind: 'file', label: 'b.ts', path: 'src/b.ts' } });
    assert.deepStrictEqual(await ui.page.locator('.composer .chip > span').allTextContents(), ['a.ts:3-9', 'b.ts']);
    await ui.page.getByRole('button', { name: 'Remove b.ts' }).click();
    await ui.page.getByRole('textbox', { name: 'Message' }).fill('explain');
    await ui.page.keyboard.press('Enter');
    const sent = await ui.waitForPosted('send');
    assert.deepStrictEqual(sent.chips, [{ id: 'sel', kind: 'selection', label: 'a.ts', path: 'src/a.ts', startLine: 3, endLine: 9 }]);
    assert.strictEqual(await ui.page.locator('.composer .chip').count(), 0, 'chips go with the message');
  });

  it('completes @file mentions with a keyboard-driven listbox and turns the choice into a chip', async () => {
    const ui = await open();
    const input = ui.page.getByRole('textbox', { name: 'Message' });
    await input.click();
    await ui.page.keyboard.type('look at @con');
    // Typing is debounced, but a slow machine may still ask for '@c' first: answer the request for what was typed.
    const request = (await (
      await ui.page.waitForFunction(() =>
        (globalThis as unknown as { __posted: Array<{ type: string; query?: string }> }).__posted.find((m) => m.type === 'completeFiles' && m.query === 'con'),
      )
    ).jsonValue()) as unknown as { requestId: string; query: string };
    assert.strictEqual(request.query, 'con');
    await ui.deliver({ type: 'fileCompletions', requestId: 'stale', items: ['wrong.ts'] });
    await ui.deliver({ type: 'fileCompletions', requestId: request.requestId, items: ['src/config.ts', 'src/console.ts'] });
    const list = ui.page.getByRole('listbox', { name: 'Matching files' });
    await list.waitFor();
    assert.deepStrictEqual(await list.getByRole('option').allTextContents(), ['src/config.ts', 'src/console.ts']);
    await ui.page.keyboard.press('ArrowDown');
    assert.strictEqual(await list.getByRole('option', { selected: true }).textContent(), 'src/console.ts');
    assert.strictEqual(await input.getAttribute('aria-activedescendant'), 'completion-1');
    await ui.page.keyboard.press('Enter');
    assert.ok(await list.isHidden());
    assert.strictEqual(await input.inputValue(), 'look at ');
    assert.strictEqual((await sends(ui)).length, 0, 'Enter picked the file, it did not send');
    await ui.page.keyboard.type('please');
    await ui.page.keyboard.press('Enter');
    const sent = await ui.waitForPosted('send');
    assert.strictEqual(sent.text, 'look at please');
    assert.strictEqual(sent.chips.length, 1);
    assert.deepStrictEqual({ ...sent.chips[0], id: 'x' }, { id: 'x', kind: 'mention', label: 'console.ts', path: 'src/console.ts' });
  });

  it('Escape closes the completion list without sending', async () => {
    const ui = await open();
    await ui.page.getByRole('textbox', { name: 'Message' }).click();
    await ui.page.keyboard.type('@rea');
    const request = await ui.waitForPosted('completeFiles');
    await ui.deliver({ type: 'fileCompletions', requestId: request.requestId, items: ['README.md'] });
    await ui.page.getByRole('listbox').waitFor();
    await ui.page.keyboard.press('Escape');
    assert.ok(await ui.page.getByRole('listbox').isHidden());
    assert.strictEqual((await sends(ui)).length, 0);
  });

  it('keeps the draft, chips and images across a reload of the view', async () => {
    const first = await open();
    await first.page.getByRole('textbox', { name: 'Message' }).fill('half-written question');
    await first.deliver({ type: 'addChip', chip: { id: 'f', kind: 'file', label: 'a.ts', path: 'src/a.ts' } });
    await first.pasteFiles([mediaFixture('screenshot-40x30.png')]);
    await first.page.locator('.tray .tile:not(.preparing)').waitFor();
    await chooseFromDropdown(first.page, 'Reasoning effort', 'Low');
    await first.page.waitForTimeout(300); // the text is saved on a short debounce
    const saved = await first.page.evaluate(() => (globalThis as unknown as { __state: unknown }).__state);
    await first.close();
    const second = await open(saved);
    assert.strictEqual(await second.page.getByRole('textbox', { name: 'Message' }).inputValue(), 'half-written question');
    assert.deepStrictEqual(await second.page.locator('.composer .chip > span').allTextContents(), ['a.ts']);
    assert.strictEqual(await second.page.locator('.tray .tile img').count(), 1);
    await second.page.getByRole('textbox', { name: 'Message' }).press('Enter');
    const sent = await second.waitForPosted('send');
    assert.strictEqual(sent.effort, 'low', 'the effort chosen before the reload is the one sent after it');
    assert.strictEqual(sent.attachments.length, 1);
    assert.strictEqual(sent.attachments[0].kind === 'image' && sent.attachments[0].base64, mediaFixture('screenshot-40x30.png').base64);
  });

  it('prefill sets the text and effort, and can send at once', async () => {
    const ui = await open();
    await ui.deliver({ type: 'prefill', text: 'Explain the selection', effort: 'medium', send: true });
    const sent = await ui.waitForPosted('send');
    assert.strictEqual(sent.text, 'Explain the selection');
    assert.strictEqual(sent.effort, 'medium');
  });
});
