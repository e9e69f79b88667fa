import * as assert from 'assert';
import { mkdirSync } from 'fs';
import * as path from 'path';
import { mediaFixture, openWebview, SCREENSHOTS, screenshotOnFailure, WebviewHarness } from './harness';
import { answerDelta, conversation, CONVERSATION, reasoningDelta, status, turnEnd, turnEvent, turnStart, USAGE } from './samples';

// Screenshots of a realistic chat in both themes, for a human to look at (.test-runs/screenshots).
describe('chat appearance', () => {
  let ui: WebviewHarness | undefined;
  afterEach(async function () {
    await screenshotOnFailure(this.currentTest, ui);
    await ui?.close();
    ui = undefined;
  });

  it('renders errors, notes, a video upload and the file completions (dark)', async () => {
    ui = await openWebview({ colorScheme: 'dark' });
    await ui.waitForPosted('ready');
    await ui.deliver(status());
    await ui.deliver(turnStart('t9', 'Summarise the clip'));
    await ui.deliver(turnEvent('t9', { kind: 'retry', secondsLeft: 12, attempt: 2, maxAttempts: 5, reason: 'Rate limited (429)' }));
    await ui.deliver(turnStart('t10', 'Try again'));
    await ui.deliverAll(turnEnd('t10', {
      usage: USAGE,
      error: { title: 'Insufficient balance (402)', message: 'Your StepFun account has run out of credit.', traceId: 'req-8f2c', actions: [{ id: 'openTopUp', label: 'Top up' }, { id: 'copyDiagnostics', label: 'Copy diagnostics' }] },
    }));
    await ui.drop({ files: [mediaFixture('clip-3s.mov')] });
    const attach = await ui.waitForPosted('attachVideo');
    await ui.deliver({ type: 'videoStatus', id: attach.id, state: 'uploading', progress: 0.4 });
    await ui.pasteFiles([mediaFixture('phone-40x30.heic')]);
    await ui.page.locator('.composer-notes .note').waitFor();
    await ui.page.getByRole('textbox', { name: 'Message' }).click();
    await ui.page.keyboard.type('see @src');
    const request = await ui.waitForPosted('completeFiles');
    await ui.deliver({ type: 'fileCompletions', requestId: request.requestId, items: ['src/config.ts', 'src/core/edits/types.ts', 'src/extension.ts'] });
    await ui.page.getByRole('listbox').waitFor();
    mkdirSync(SCREENSHOTS, { recursive: true });
    await ui.page.screenshot({ path: path.join(SCREENSHOTS, 'states-dark.png') });
    assert.deepStrictEqual(ui.pageErrors, []);
  });

  for (const theme of ['dark', 'light'] as const) {
    it(`renders the first run, no key yet, in the ${theme} theme`, async () => {
      ui = await openWebview({ colorScheme: theme });
      await ui.page.setViewportSize({ width: 300, height: 560 });
      await ui.waitForPosted('ready');
      await ui.deliver(status({ keyPresent: false, keysElsewhere: [{ id: 'stepfun-china', label: 'StepFun (China)' }] }));
      await ui.page.getByRole('region', { name: 'Set up Step Flash' }).waitFor();
      mkdirSync(SCREENSHOTS, { recursive: true });
      await ui.page.screenshot({ path: path.join(SCREENSHOTS, `first-run-${theme}.png`) });
      assert.deepStrictEqual(ui.pageErrors, []);
    });

    it(`renders a chat in the ${theme} theme without page errors`, async () => {
      ui = await openWebview({ colorScheme: theme });
      await ui.waitForPosted('ready');
      await ui.deliver(status());
      await ui.deliver(conversation(CONVERSATION, USAGE, 'c1'));
      await ui.deliver(turnStart('t2', 'And what about a file with only whitespace?'));
      await ui.deliver(reasoningDelta('t2', 'Whitespace-only: trim() makes it empty…'));
      await ui.deliver(answerDelta('t2', 'The `trim()` call covers that: whitespace-only text becomes `""`.\n\n- spaces\n- newlines'));
      await ui.deliver({ type: 'addChip', chip: { id: 'sel', kind: 'selection', label: 'config.ts', path: 'src/config.ts', startLine: 10, endLine: 24 } });
      await ui.pasteFiles([mediaFixture('screenshot-40x30.png')]);
      await ui.page.locator('.tray .tile:not(.preparing)').waitFor();
      await ui.page.fill('textarea', 'Draft message');
      await ui.page.waitForTimeout(100);
      mkdirSync(SCREENSHOTS, { recursive: true });
      await ui.page.screenshot({ path: path.join(SCREENSHOTS, `chat-${theme}.png`) });
      assert.deepStrictEqual(ui.pageErrors, []);
    });
  }
});
