import * as assert from 'assert';
import { openWebview, screenshotOnFailure, WebviewHarness } from './harness';
import { answerDelta, conversation, reasoningDelta, status, turnEnd, turnRecord, turnStart, USAGE } from './samples';

// Each payload sets window.__pwned if it ever runs. None may, however it reaches the page.
const PAYLOADS = [
  '<script>window.__pwned = "script"</script>',
  '<img src=x onerror="window.__pwned = \'img-onerror\'">',
  '[click me](javascript:window.__pwned="js-link")',
  '[mixed case](JaVaScRiPt:window.__pwned="js-link-case")',
  '[entity](&#106;avascript:window.__pwned="js-entity")',
  '<svg onload="window.__pwned = \'svg\'"><script>window.__pwned = "svg-script"</script></svg>',
  '[data link](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0iZGF0YSI8L3NjcmlwdD4=)',
  '![js image](javascript:window.__pwned="js-img")',
  '![tracking pixel](https://evil.example/pixel.png)',
  '<a href="#" onclick="window.__pwned = \'onclick\'">x</a>',
  '<iframe src="javascript:window.__pwned=\'iframe\'"></iframe>',
  '<style>body { display: none }</style>',
  '<div style="background:url(javascript:window.__pwned=1)">styled</div>',
  '```html\n<script>window.__pwned = "fenced"</script>\n```',
  '```"><img src=x onerror=window.__pwned="fence-info">\ncode\n```',
  '<details open ontoggle="window.__pwned=\'details\'">d</details>',
  '[safe](https://example.com/docs)',
].join('\n\n');

const EVIL = '<img src=x onerror="window.__pwned=\'host-string\'">';

describe('hostile content', () => {
  let ui: WebviewHarness | undefined;
  afterEach(async function () {
    await screenshotOnFailure(this.currentTest, ui);
    await ui?.close();
    ui = undefined;
  });

  async function assertInert(h: WebviewHarness): Promise<void> {
    await h.page.waitForTimeout(300); // give any onerror / onload a chance to fire
    const report = await h.page.evaluate(() => (globalThis as unknown as { __uiTest: { inertReport(): unknown } }).__uiTest.inertReport());
    assert.deepStrictEqual(report, { pwned: null, scripts: 1, handlers: [], hrefs: [], iframes: 0, badImages: [], styles: [] });
    assert.deepStrictEqual(h.pageErrors.filter((e) => /Content Security Policy|Refused/i.test(e)), []);
  }

  it('never runs markup or links from a streamed answer, and routes a safe link to the host', async () => {
    ui = await openWebview();
    await ui.waitForPosted('ready');
    await ui.deliver(status());
    await ui.deliver(turnStart('t1', PAYLOADS));
    await ui.deliverAll(PAYLOADS.match(/[\s\S]{1,7}/g)!.flatMap((piece) => [reasoningDelta('t1', piece), answerDelta('t1', piece)]));
    await ui.page.locator('.stream-tail', { hasText: 'safe' }).waitFor();
    await assertInert(ui);
    await ui.deliverAll(turnEnd('t1', { usage: USAGE }));
    await ui.page.locator('[data-turn-id="t1"][data-status="done"]').waitFor();
    await assertInert(ui);
    const url = ui.page.url();
    for (const name of ['click me', 'mixed case', 'entity', 'data link']) {
      const link = ui.page.locator('[data-turn-id="t1"] .markdown').getByText(name, { exact: true });
      if (await link.count()) await link.first().click();
    }
    await ui.page.locator('[data-turn-id="t1"] .markdown').getByText('safe', { exact: true }).click();
    const opened = (await ui.posted()).filter((m) => m.type === 'openLink');
    assert.deepStrictEqual(opened, [{ type: 'openLink', href: 'https://example.com/docs' }]);
    assert.strictEqual(ui.page.url(), url, 'the webview never navigates');
    // The question is rendered as markdown too: its copy of the pixel is blocked like the answer's.
    assert.deepStrictEqual(await ui.page.locator('.blocked-image').allTextContents(), ['[tracking pixel]', '[tracking pixel]'], 'remote images are not loaded');
    await assertInert(ui);
  });

  it('treats every host-provided string as text: chat, errors, steps, chips, history, files, notices', async () => {
    ui = await openWebview();
    await ui.waitForPosted('ready');
    await ui.deliver(status({ providerLabel: EVIL, model: EVIL }));
    await ui.deliver(
      conversation([
        turnRecord('a', { text: EVIL, chips: [EVIL], videos: [EVIL], images: [{ name: EVIL, mime: 'image/png', base64: 'iVBORw0KGgo=' }] }, {
          text: PAYLOADS,
          reasoning: EVIL,
          steps: [{ id: EVIL, kind: 'advisor', title: EVIL, detail: EVIL, usage: USAGE }],
          status: 'error',
          effort: { level: 'high', source: 'policy', reason: EVIL },
          error: { title: EVIL, message: EVIL, traceId: EVIL, actions: [{ id: 'retry', label: EVIL }] },
        }),
      ]),
    );
    await ui.deliver({ type: 'history', chats: [{ id: 'c', title: EVIL, updatedAt: 0, messageCount: 2 }], activeId: 'c' });
    await ui.deliver({ type: 'addChip', chip: { id: 'x', kind: 'file', label: EVIL, path: EVIL } });
    await ui.deliver({ type: 'notice', level: 'error', text: EVIL });
    await ui.pasteFiles([{ name: `${EVIL}.png`, type: 'image/png', base64: 'bm90IGFuIGltYWdl' }]);
    await ui.page.locator('.composer-notes .note.error').waitFor();
    await ui.page.getByRole('textbox', { name: 'Message' }).click();
    await ui.page.keyboard.type('@x');
    const request = await ui.waitForPosted('completeFiles');
    await ui.deliver({ type: 'fileCompletions', requestId: request.requestId, items: [EVIL] });
    await ui.page.getByRole('listbox').waitFor();
    assert.strictEqual(await ui.page.locator('.error-title').textContent(), EVIL);
    assert.strictEqual(await ui.page.locator('#status').textContent(), `${EVIL} · ${EVIL}`);
    await assertInert(ui);
  });
});
