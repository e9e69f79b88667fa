import * as assert from 'assert';
import type { WebviewMessage } from '../../src/shared/protocol';
import { chooseFromDropdown, mediaFixture, WebviewHarness, webviewPerTest } from './harness';
import { turnEnd, turnStart } from './samples';

type Send = Extract<WebviewMessage, { type: 'send' }>;

// A send stays pending until the host starts its turn (gone for good) or refuses it (everything comes back).
describe('refused sends', () => {
  const openPage = webviewPerTest();
  const open = (state?: unknown) => openPage({ state });

  const sends = async (h: WebviewHarness) => (await h.posted()).filter((m): m is Send => m.type === 'send');
  const input = (h: WebviewHarness) => h.page.getByRole('textbox', { name: 'Message' });

  /** Text over two lines, High effort, two chips, an image (detail switched to low) and an uploaded video. */
  async function compose(h: WebviewHarness): Promise<void> {
    await input(h).fill('Why does this fail?\n  (see the screenshot)');
    await chooseFromDropdown(h.page, 'Reasoning effort', 'High');
    await h.deliver({ type: 'addChip', chip: { id: 'sel', kind: 'selection', label: 'a.ts', path: 'src/a.ts', startLine: 3, endLine: 9 } });
    await h.deliver({ type: 'addChip', chip: { id: 'file', kind: 'file', label: 'b.ts', path: 'src/b.ts' } });
    await h.pasteFiles([mediaFixture('screenshot-40x30.png')]);
    await h.page.locator('.tray .tile:not(.preparing)').waitFor();
    await h.page.getByRole('button', { name: /Image detail for screenshot-40x30.png: high/ }).click();
    await h.drop({ files: [mediaFixture('clip-3s.mov')] });
    const attach = await h.waitForPosted('attachVideo');
    await h.deliver({ type: 'videoStatus', id: attach.id, state: 'ready' });
  }

  async function sendNow(h: WebviewHarness, count: number): Promise<Send> {
    await h.page.getByRole('button', { name: 'Send message' }).click();
    await h.page.waitForFunction((n) => (globalThis as unknown as { __posted: Array<{ type: string }> }).__posted.filter((m) => m.type === 'send').length === n, count);
    return (await sends(h))[count - 1]!;
  }

  async function assertEmpty(h: WebviewHarness): Promise<void> {
    assert.strictEqual(await input(h).inputValue(), '');
    assert.strictEqual(await h.page.locator('.composer .chip').count(), 0);
    assert.strictEqual(await h.page.locator('.tray .tile, .tray .video-chip').count(), 0);
  }

  it('restores text, effort, chips, image and video exactly and says why, so the same message can be sent again', async () => {
    const ui = await open();
    await compose(ui);
    const first = await sendNow(ui, 1);
    assert.strictEqual(first.effort, 'high');
    assert.strictEqual(first.chips.length, 2);
    assert.deepStrictEqual(first.attachments.map((a) => a.kind), ['image', 'video']);
    await assertEmpty(ui);

    await ui.deliver({ type: 'sendRejected', reason: 'clip-3s.mov is not uploaded yet.', sendId: first.sendId });
    const note = ui.page.locator('.composer-notes .note.error');
    assert.strictEqual(await note.locator('.note-text').textContent(), 'Not sent: clip-3s.mov is not uploaded yet.');
    assert.strictEqual(await input(ui).inputValue(), 'Why does this fail?\n  (see the screenshot)');
    assert.deepStrictEqual(await ui.page.locator('.composer .chip > span').allTextContents(), ['a.ts:3-9', 'b.ts']);
    assert.strictEqual(await ui.page.locator('.tray .tile img').count(), 1);
    assert.match((await ui.page.locator('.tray .detail-toggle').textContent()) ?? '', /Detail: low/);
    assert.strictEqual(await ui.page.locator('.tray .video-chip .video-state').textContent(), 'Ready');

    const again = await sendNow(ui, 2);
    assert.notStrictEqual(again.sendId, first.sendId, 'each send has its own id');
    assert.deepStrictEqual({ ...again, sendId: '' }, { ...first, sendId: '' }, 'nothing was lost or changed: the second send carries exactly what the first did');
    assert.strictEqual(await note.count(), 0, 'the refusal note goes once a send goes out');
    assert.deepStrictEqual(ui.pageErrors, []);
  });

  it('clears for good once the host starts the turn: a later refusal has nothing to restore and says so', async () => {
    const ui = await open();
    await compose(ui);
    const sent = await sendNow(ui, 1);
    await ui.deliver(turnStart('t1', sent.text, sent.sendId));
    await ui.deliverAll(turnEnd('t1', { usage: { promptTokens: 1, completionTokens: 1, cachedTokens: 0, costUsd: 0 } }));
    await ui.deliver({ type: 'sendRejected', reason: 'Could not attach context: src/gone.ts was deleted.' });
    await ui.page.locator('.composer-notes .note.error', { hasText: 'nothing was waiting to be restored' }).waitFor();
    await assertEmpty(ui);
  });

  it('a turn the host starts on its own does not settle a pending send', async () => {
    const ui = await open();
    await input(ui).fill('my question');
    await sendNow(ui, 1);
    await ui.deliver(turnStart('cmd', 'Explain src/a.ts:3-9'));
    await ui.deliverAll(turnEnd('cmd', { usage: { promptTokens: 1, completionTokens: 1, cachedTokens: 0, costUsd: 0 } }));
    await ui.deliver({ type: 'sendRejected', reason: 'This endpoint cannot take images.' });
    await ui.page.locator('.composer-notes .note.error', { hasText: 'cannot take images' }).waitFor();
    assert.strictEqual(await input(ui).inputValue(), 'my question');
  });

  it('keeps what was typed after sending, placing the refused message before it', async () => {
    const ui = await open();
    await input(ui).fill('first message');
    await sendNow(ui, 1);
    await input(ui).fill('started a second');
    await ui.deliver({ type: 'sendRejected', reason: 'refused' });
    await ui.page.locator('.composer-notes .note.error').waitFor();
    assert.strictEqual(await input(ui).inputValue(), 'first message\n\nstarted a second');
  });

  it('survives a reload of the view between sending and the refusal', async () => {
    const first = await open();
    await compose(first);
    const sent = await sendNow(first, 1);
    const saved = await first.page.evaluate(() => (globalThis as unknown as { __state: unknown }).__state);
    await first.close();
    const second = await open(saved);
    await assertEmpty(second);
    await second.deliver({ type: 'sendRejected', reason: 'The image bytes do not match a PNG.', sendId: sent.sendId });
    await second.page.locator('.composer-notes .note.error').waitFor();
    assert.strictEqual(await input(second).inputValue(), 'Why does this fail?\n  (see the screenshot)');
    assert.deepStrictEqual({ ...(await sendNow(second, 1)), sendId: '' }, { ...sent, sendId: '' });
  });

  it('restores exactly the send the host refused when several are pending', async () => {
    const ui = await open();
    await input(ui).fill('first');
    const first = await sendNow(ui, 1);
    await input(ui).fill('second');
    const second = await sendNow(ui, 2);
    await ui.deliver(turnStart('t1', 'first', first.sendId));
    await ui.deliver({ type: 'sendRejected', reason: 'no vision', sendId: second.sendId });
    await ui.page.locator('.composer-notes .note.error').waitFor();
    assert.strictEqual(await input(ui).inputValue(), 'second');
  });
});
