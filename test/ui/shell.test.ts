import * as assert from 'assert';
import { openWebview, screenshotOnFailure, WebviewHarness } from './harness';

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
});
