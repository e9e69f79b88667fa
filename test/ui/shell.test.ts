import * as assert from 'assert';
import type * as Playwright from 'playwright-core';
import { openWebview, screenshotOnFailure, WebviewHarness } from './harness';
import { answerDelta, conversation, status, turnEnd, turnRecord, turnStart, USAGE } from './samples';

/** The chunk webview/main.ts imports after the first paint: the rest of the chat (webview/app.ts). */
const REST_OF_CHAT = /\/dist\/chunks\/app-\w+\.js$/;

/** Holds the rest of the chat back until `release` is called, as a slow disk or a busy host would. */
function holdRestOfChat(): { beforeLoad: (page: Playwright.Page) => Promise<void>; release: () => void } {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  return {
    beforeLoad: async (page) => {
      await page.route(REST_OF_CHAT, async (route) => {
        await released;
        await route.continue();
      });
    },
    release,
  };
}

const loaded = (ui: WebviewHarness) => ui.page.evaluate(() => performance.getEntriesByName('step-flash:loaded').length > 0);

describe('webview shell', () => {
  let ui: WebviewHarness | undefined;
  afterEach(async function () {
    await screenshotOnFailure(this.currentTest, ui);
    await ui?.close();
    ui = undefined;
  });

  it('posts ready once it has loaded', async () => {
    ui = await openWebview();
    const ready = await ui.waitForPosted('ready');
    assert.deepStrictEqual(ready, { type: 'ready' });
    assert.deepStrictEqual(ui.pageErrors, []);
  });

  it('drops a malformed host message and reports it to the host log', async () => {
    ui = await openWebview();
    await ui.waitForPosted('ready');
    await ui.deliver({ type: 'turn', turnId: 42, event: { kind: 'answer', text: 'x' } });
    const log = await ui.waitForPosted('log');
    assert.strictEqual(log.level, 'warn');
    assert.match(log.message, /malformed host message: turnId/);
  });

  it('lets the keyboard reach and press Send before the toolkit is defined, and leaves one tab stop after', async () => {
    const held = holdRestOfChat();
    ui = await openWebview({ beforeLoad: held.beforeLoad });
    await ui.waitForPosted('ready');
    const page = ui.page;
    await page.locator('vscode-button.send:not(:defined)').waitFor();
    await page.getByRole('textbox', { name: 'Message' }).fill('sent from the keyboard');
    const send = page.getByRole('button', { name: 'Send message' });
    await send.focus();
    assert.strictEqual(await page.evaluate(() => document.activeElement?.classList.contains('send')), true, 'Send takes focus before the toolkit');
    await page.keyboard.press('Enter');
    const sent = await ui.waitForPosted('send');
    assert.strictEqual(sent.text, 'sent from the keyboard');
    held.release();
    await page.locator('vscode-button.send:defined').waitFor();
    await page.waitForFunction(() => !document.querySelector('vscode-button[tabindex], vscode-button[role]'));
    const tabStops = await page.evaluate(() => {
      const host = document.querySelector('vscode-button.send')!;
      const inner = host.shadowRoot?.querySelector('button');
      return { hostTabindex: host.getAttribute('tabindex'), inner: inner?.tabIndex };
    });
    assert.deepStrictEqual(tabStops, { hostTabindex: null, inner: 0 }, 'the toolkit inner button is the only tab stop');
  });

  it('draws the empty chat and its composer before the rest has loaded, and renders every host message that came meanwhile, in order', async () => {
    const held = holdRestOfChat();
    ui = await openWebview({ beforeLoad: held.beforeLoad });
    await ui.waitForPosted('ready');
    const page = ui.page;
    await page.locator('.transcript .empty').waitFor();
    assert.strictEqual(await loaded(ui), false, 'the rest of the chat is still held back');
    await page.getByRole('textbox', { name: 'Message' }).fill('typed while loading');
    assert.strictEqual(await page.locator('vscode-button.send:not(:defined)').textContent(), 'Send', 'drawn before the toolkit is defined');

    const old = turnRecord('t0', { text: 'An earlier question' }, { text: 'An **earlier** answer.', usage: USAGE });
    await ui.deliverAll([
      status({ providerLabel: 'OpenRouter', model: 'stepfun/step-3.7-flash' }),
      conversation([old]),
      { type: 'history', activeId: 'c', chats: [{ id: 'c', title: 'Earlier', updatedAt: Date.UTC(2026, 0, 2), messageCount: 2 }] },
      turnStart('t1', 'And now?'),
      answerDelta('t1', 'Streamed '),
      answerDelta('t1', 'while `loading`.'),
      ...turnEnd('t1'),
      { type: 'turn', turnId: 42, event: { kind: 'answer', text: 'x' } },
      { type: 'notice', level: 'info', text: 'A notice sent before the chat had loaded.' },
    ]);
    assert.strictEqual(await page.locator('article.message').count(), 0, 'nothing is drawn before the rest has loaded');
    held.release();

    await page.locator('[data-turn-id="t1"] .markdown', { hasText: 'Streamed while loading.' }).waitFor();
    assert.strictEqual(await loaded(ui), true);
    assert.strictEqual(await page.locator('.header .model').textContent(), 'OpenRouter · stepfun/step-3.7-flash');
    assert.strictEqual(await page.locator('[data-turn-id="t0"] .markdown strong').textContent(), 'earlier', 'the reopened chat is rendered as markdown');
    assert.strictEqual(await page.locator('[data-turn-id="t1"] .markdown code').textContent(), 'loading');
    assert.deepStrictEqual(
      await page.locator('article.message.user').allTextContents().then((texts) => texts.map((t) => t.trim())),
      ['An earlier question', 'And now?'],
      'the conversation first, then the turn that followed it',
    );
    assert.strictEqual(await page.locator('.notices .note.info').textContent(), 'A notice sent before the chat had loaded.');
    assert.strictEqual(await page.locator('.history-list li').count(), 1);
    const log = await ui.waitForPosted('log');
    assert.match(log.message, /malformed host message: turnId/);
    assert.strictEqual(await page.getByRole('textbox', { name: 'Message' }).inputValue(), 'typed while loading', 'what was typed meanwhile stays');
    assert.strictEqual(await page.locator('vscode-button.send:defined').count(), 1, 'the toolkit is defined and the composer upgraded');
    assert.deepStrictEqual(ui.pageErrors, []);
  });

  it('says clearly that the chat could not load when its chunk fails, rather than showing a blank view', async () => {
    ui = await openWebview({ beforeLoad: async (page) => void (await page.route(REST_OF_CHAT, (route) => route.abort('failed'))) });
    await ui.waitForPosted('ready');
    const log = await ui.waitForPosted('log');
    assert.strictEqual(log.level, 'error');
    assert.match(log.message, /the chat did not load/);
    const notice = ui.page.locator('.notices .note.error');
    await notice.waitFor();
    assert.match(await notice.textContent() ?? '', /could not load the rest of the chat .*Reload Webviews/);
    assert.match(await ui.page.locator('.transcript .empty').textContent() ?? '', /could not load the rest of the chat/);
    assert.ok(await ui.page.getByRole('textbox', { name: 'Message' }).isVisible(), 'the composer is still there, with what the user typed');
  });

  it('draws the toolkit controls in the colours of the theme once it loads after the page, and follows a change of theme', async () => {
    ui = await openWebview({ colorScheme: 'light' });
    await ui.waitForPosted('ready');
    await ui.waitForLoaded();
    assert.ok(await ui.page.evaluate(() => performance.getEntriesByType('navigation')[0].toJSON().loadEventEnd < performance.getEntriesByName('step-flash:loaded')[0].startTime), 'the toolkit loaded after the load event');
    const colours = () =>
      ui!.page.evaluate(() => ['vscode-dropdown.effort', 'vscode-button.attach', 'vscode-button.send'].map((s) => getComputedStyle(document.querySelector(s)!).backgroundColor));
    // test/ui/themes/light.css: dropdown and secondary buttons #e5e5e5, primary #0078d4 (the toolkit's own defaults are dark).
    await ui.page.waitForFunction(() => getComputedStyle(document.querySelector('vscode-dropdown.effort')!).backgroundColor === 'rgb(229, 229, 229)');
    assert.deepStrictEqual(await colours(), ['rgb(229, 229, 229)', 'rgb(229, 229, 229)', 'rgb(0, 120, 212)']);
    // VS Code changes the variables and the body's theme class together; the toolkit watches the class.
    await ui.page.addStyleTag({ url: `${ui.origin}/test/ui/themes/dark.css` });
    await ui.page.evaluate(() => document.body.classList.replace('vscode-light', 'vscode-dark'));
    await ui.page.waitForFunction(() => getComputedStyle(document.querySelector('vscode-dropdown.effort')!).backgroundColor === 'rgb(49, 49, 49)');
    assert.deepStrictEqual(await colours(), ['rgb(49, 49, 49)', 'rgb(49, 49, 49)', 'rgb(0, 120, 212)']);
    assert.deepStrictEqual(ui.pageErrors, []);
  });

  it('draws the controls in the same place and size before and after the toolkit upgrades them', async () => {
    const hold = holdRestOfChat();
    ui = await openWebview({ beforeLoad: hold.beforeLoad });
    await ui.waitForPosted('ready');
    const boxes = () =>
      ui!.page.evaluate(() =>
        Array.from(document.querySelectorAll('vscode-button, vscode-dropdown, textarea')).map((element) => {
          const box = element.getBoundingClientRect();
          return `${element.getAttribute('aria-label') ?? element.tagName}: ${box.x.toFixed(1)},${box.y.toFixed(1)} ${box.width.toFixed(1)}×${box.height.toFixed(1)}`;
        }),
      );
    const before = await boxes();
    assert.strictEqual(await loaded(ui), false);
    hold.release();
    await ui.waitForLoaded();
    await ui.page.waitForFunction(() => document.querySelector('vscode-button')?.shadowRoot?.querySelector('.control') !== null);
    assert.deepStrictEqual(await boxes(), before);
  });
});
