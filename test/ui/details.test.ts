import * as assert from 'assert';
import { chooseFromDropdown, openWebview, screenshotOnFailure, webviewPerTest, type WebviewHarness } from './harness';
import { conversation, status, turnRecord, turnStart, USAGE } from './samples';

describe('smaller things a new user notices', () => {
  const open = webviewPerTest();

  it('the history delete icon is a codicon from the bundled font, not an emoji without a glyph', async () => {
    const ui = await open();
    await ui.deliver({ type: 'history', chats: [{ id: 'a', title: 'Parser bug', updatedAt: 0, messageCount: 2 }], activeId: 'a' });
    await ui.page.getByRole('button', { name: 'Show chat history' }).click();
    const trash = ui.page.getByRole('button', { name: 'Delete chat Parser bug' });
    assert.strictEqual((await trash.textContent())?.trim(), '', 'no emoji text');
    const glyph = await trash.locator('.codicon-trash').evaluate(async (el) => {
      await document.fonts.ready;
      const before = getComputedStyle(el, '::before');
      return { family: before.fontFamily, content: before.content, width: el.getBoundingClientRect().width, loaded: document.fonts.check('16px codicon') };
    });
    assert.match(glyph.family, /codicon/);
    assert.notStrictEqual(glyph.content, 'none');
    assert.ok(glyph.loaded, 'the codicon font loaded under the CSP');
    assert.ok(glyph.width >= 14, `the glyph has its 16px box (${glyph.width})`);
    assert.deepStrictEqual(ui.pageErrors, [], 'no CSP violation');
  });

  it("renders the user's markdown, keeps their line breaks, and folds a long message behind Show more", async () => {
    const ui = await open();
    const long = ['Please **rename** `total` in:', ...Array.from({ length: 30 }, (_, i) => `line ${i + 1}`)].join('\n');
    await ui.deliver(conversation([turnRecord('u1', { text: long }, { text: 'Done.' })]));
    const text = ui.page.locator('[data-question-of="u1"] .user-text');
    assert.strictEqual(await text.locator('strong').textContent(), 'rename');
    assert.strictEqual(await text.locator('code').textContent(), 'total');
    assert.ok((await text.innerText()).includes('line 1\nline 2'), 'line breaks kept');
    const folded = (await text.boundingBox())!.height;
    const toggle = ui.page.locator('[data-question-of="u1"]').getByRole('button', { name: 'Show more' });
    assert.strictEqual(await toggle.getAttribute('aria-expanded'), 'false');
    await toggle.click();
    assert.ok((await text.boundingBox())!.height > folded * 1.5, 'unfolded it is taller');
    assert.strictEqual(await ui.page.locator('[data-question-of="u1"] .fold-toggle').textContent(), 'Show less');
  });

  it('a short message is not folded', async () => {
    const ui = await open();
    await ui.deliver(conversation([turnRecord('u2', { text: 'Why?' }, { text: 'Because.' })]));
    assert.strictEqual(await ui.page.locator('[data-question-of="u2"] .fold-toggle').count(), 0);
  });

  it('two @ chips for files of the same name say which folder each is in', async () => {
    const ui = await open();
    await ui.deliver({ type: 'addChip', chip: { id: 'm1', kind: 'mention', label: 'cart.ts', path: 'src/cart.ts' } });
    await ui.deliver({ type: 'addChip', chip: { id: 'm2', kind: 'mention', label: 'cart.ts', path: 'commands/cart.ts' } });
    await ui.deliver({ type: 'addChip', chip: { id: 'm3', kind: 'mention', label: 'format.ts', path: 'src/format.ts' } });
    const chips = ui.page.locator('.composer .chip > span');
    assert.deepStrictEqual(await chips.allTextContents(), ['cart.ts · src', 'cart.ts · commands', 'format.ts']);
    await ui.page.getByRole('button', { name: 'Remove cart.ts · commands' }).click();
    assert.deepStrictEqual(await chips.allTextContents(), ['cart.ts', 'format.ts'], 'alone again, it needs no folder');
  });
});

describe('effort: said plainly, per message unless locked', () => {
  const open = webviewPerTest();

  it('says the effort as a person would, small, with the reason in a tooltip', async () => {
    const ui = await open();
    await ui.deliver(turnStart('t1'));
    await ui.deliver({ type: 'turn', turnId: 't2', event: { kind: 'start', turnId: 't2', at: 0, user: { text: 'hi' }, effort: { level: 'medium', source: 'policy', reason: 'chat: the default for conversation', label: 'chat default' } } });
    const line = ui.page.locator('[data-turn-id="t2"] .effort-line');
    assert.strictEqual(await line.textContent(), 'Effort: medium — chat default');
    assert.strictEqual(await line.getAttribute('title'), 'Reasoning effort medium: chat: the default for conversation.');
    const look = await line.evaluate((el) => ({ size: parseFloat(getComputedStyle(el).fontSize), body: parseFloat(getComputedStyle(document.body).fontSize), background: getComputedStyle(el).backgroundColor }));
    assert.ok(look.size < look.body, 'smaller than the text');
    assert.strictEqual(look.background, 'rgba(0, 0, 0, 0)', 'no pill');
  });

  it('a turn saved before efforts had a label still reads plainly', async () => {
    const ui = await open();
    await ui.deliver(conversation([turnRecord('o1', { text: 'hi' }, { text: 'hello', effort: { level: 'high', source: 'user', reason: 'chosen by you for this message' } })]));
    assert.strictEqual(await ui.page.locator('[data-turn-id="o1"] .effort-line').textContent(), 'Effort: high — your choice');
  });

  it('the picker goes back to Auto after each send; locked, it keeps the level and says so', async () => {
    const ui = await open();
    const input = ui.page.getByRole('textbox', { name: 'Message' });
    const lock = ui.page.getByRole('button', { name: 'Keep this effort for every message' });
    assert.strictEqual(await lock.getAttribute('aria-pressed'), 'false');
    await chooseFromDropdown(ui.page, 'Reasoning effort', 'High');
    await input.fill('first');
    await input.press('Enter');
    const first = await ui.waitForPosted('send');
    assert.deepStrictEqual([first.effort, first.effortLocked], ['high', undefined]);
    assert.strictEqual(await ui.page.getByRole('combobox', { name: 'Reasoning effort' }).evaluate((d) => (d as HTMLSelectElement).value), 'auto', 'back to Auto');
    await ui.deliver(turnStart('t1', 'first', first.sendId));
    await ui.deliver({ type: 'turn', turnId: 't1', event: { kind: 'end' } });

    await chooseFromDropdown(ui.page, 'Reasoning effort', 'Low');
    await lock.click();
    assert.strictEqual(await lock.getAttribute('aria-pressed'), 'true');
    assert.match((await lock.getAttribute('title')) ?? '', /Effort locked/);
    for (const text of ['second', 'third']) {
      await input.fill(text);
      await input.press('Enter');
      await ui.page.waitForFunction((t) => (globalThis as unknown as { __posted: Array<{ type: string; text?: string }> }).__posted.some((m) => m.type === 'send' && m.text === t), text);
    }
    const sends = (await ui.posted()).filter((m) => m.type === 'send');
    assert.deepStrictEqual(sends.slice(1).map((m) => [m.text, m.effort, m.effortLocked]), [['second', 'low', true], ['third', 'low', true]]);
    assert.strictEqual(await ui.page.getByRole('combobox', { name: 'Reasoning effort' }).evaluate((d) => (d as HTMLSelectElement).value), 'low');
  });
});

describe('header in a narrow sidebar, both themes', () => {
  let ui: WebviewHarness | undefined;
  afterEach(async function () {
    await screenshotOnFailure(this.currentTest, ui);
    await ui?.close();
    ui = undefined;
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`keeps the provider and the cost on one line each (${theme})`, async () => {
      ui = await openWebview({ colorScheme: theme });
      await ui.page.setViewportSize({ width: 280, height: 600 });
      await ui.waitForPosted('ready');
      await ui.deliver(status());
      await ui.deliver(conversation([turnRecord('t1', { text: 'hi' }, { text: 'hello', usage: USAGE })], { promptTokens: 105_051, completionTokens: 23_900, cachedTokens: 80_000, costUsd: 0.0512 }));
      const heights = await ui.page.evaluate(() =>
        ['#status', '.total-usage'].map((sel) => {
          const el = document.querySelector(sel)!;
          return el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).fontSize);
        }),
      );
      for (const ems of heights) assert.ok(ems < 1.8, `one line (${ems.toFixed(2)} em)`);
      assert.strictEqual(await ui.page.locator('.total-usage').textContent(), 'This chat: $0.05 · 129.0k tokens');
      const header = await ui.page.locator('.header').boundingBox();
      assert.ok(header!.height < 48, `the header stays two short lines (${header!.height}px)`);
      assert.deepStrictEqual(ui.pageErrors, []);
    });
  }
});
