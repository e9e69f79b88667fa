import * as assert from 'assert';
import { webviewPerTest } from './harness';
import { answerDelta, conversation, CONVERSATION, turnEnd, turnEvent, turnStart } from './samples';

describe('answers, errors and history', () => {
  const open = webviewPerTest();

  it('code blocks offer Copy, Insert and Apply; the answer offers Apply all edits', async () => {
    const ui = await open();
    await ui.deliver(conversation(CONVERSATION));
    const answer = ui.page.locator('[data-turn-id="t1"]');
    const code = "export function parseConfig(text: string): Config {\n  if (text.trim() === '') return DEFAULT_CONFIG; // empty file: defaults\n  return JSON.parse(text) as Config;\n}\n";
    await answer.getByRole('button', { name: 'Copy ts code' }).click();
    await answer.getByRole('button', { name: 'Insert ts code at the cursor' }).click();
    await answer.getByRole('button', { name: 'Apply ts code (opens a review first)' }).click();
    await answer.getByRole('button', { name: 'Apply all edits in this answer (opens a review first)' }).click();
    const posted = (await ui.posted()).filter((m) => m.type !== 'ready');
    assert.deepStrictEqual(posted, [
      { type: 'copyText', text: code },
      { type: 'insertCode', code },
      { type: 'applyCode', turnId: 't1', code, language: 'ts', pathHint: 'src/config.ts' },
      { type: 'applyAnswer', turnId: 't1' },
    ]);
    assert.strictEqual(await answer.locator('.code-lang').textContent(), 'src/config.ts');
    const effort = answer.locator('.effort-line');
    assert.strictEqual(await effort.textContent(), 'Effort: medium — explain default');
    assert.strictEqual(await effort.getAttribute('title'), 'Reasoning effort medium: explain: explaining is quick.');
    assert.deepStrictEqual(await answer.locator('.steps li').allTextContents(), ['read_file src/config.ts']);
    const total = ui.page.locator('.total-usage');
    assert.strictEqual(await total.textContent(), 'This chat: $0.0021 · 1,801 tokens');
    assert.strictEqual(await total.getAttribute('title'), 'This chat so far: 1,234 in (65% cached) · 567 out · $0.0021');
  });

  it('offers Retry on the last answer only', async () => {
    const ui = await open();
    await ui.deliver(conversation(CONVERSATION));
    await ui.page.getByRole('button', { name: 'Retry this answer' }).click();
    assert.deepStrictEqual(await ui.waitForPosted('retry'), { type: 'retry', turnId: 't1' });
    await ui.deliver(turnStart('t2'));
    assert.strictEqual(await ui.page.getByRole('button', { name: 'Retry this answer' }).count(), 0, 'hidden while streaming and on older answers');
    await ui.deliverAll(turnEnd('t2'));
    const visible = ui.page.getByRole('button', { name: 'Retry this answer' });
    assert.strictEqual(await visible.count(), 1);
    assert.strictEqual(await visible.evaluate((b) => b.closest('article')?.getAttribute('data-turn-id')), 't2');
  });

  it('shows an inline error with its trace id and action buttons', async () => {
    const ui = await open();
    await ui.deliver(turnStart('t3'));
    await ui.deliverAll(
      turnEnd('t3', {
        error: {
          title: 'The key belongs to the other region',
          message: 'Your key was issued by api.stepfun.com; this request went to api.stepfun.ai.',
          traceId: 'trace-123',
          actions: [{ id: 'switchRegion', label: 'Switch to China region' }, { id: 'copyDiagnostics', label: 'Copy diagnostics' }],
        },
      }),
    );
    const box = ui.page.locator('[data-turn-id="t3"] .error-box');
    assert.strictEqual(await box.getAttribute('role'), 'alert');
    assert.strictEqual(await box.locator('.error-title').textContent(), 'The key belongs to the other region');
    assert.strictEqual(await box.locator('.trace-id').textContent(), 'Trace id: trace-123');
    await box.getByRole('button', { name: 'Switch to China region' }).click();
    await box.getByRole('button', { name: 'Copy diagnostics' }).click();
    assert.deepStrictEqual((await ui.posted()).filter((m) => m.type === 'errorAction'), [
      { type: 'errorAction', turnId: 't3', action: 'switchRegion' },
      { type: 'errorAction', turnId: 't3', action: 'copyDiagnostics' },
    ]);
    assert.strictEqual(await ui.page.locator('[data-turn-id="t3"] .status-badge').textContent(), 'failed');
  });

  it('shows queueing, tool steps, and a retry countdown whose Cancel stops the turn', async () => {
    const ui = await open();
    await ui.deliver(turnStart('t4'));
    await ui.deliver(turnEvent('t4', { kind: 'queued', position: 2 }));
    const state = ui.page.locator('[data-turn-id="t4"] .state-line');
    assert.strictEqual(await state.textContent(), 'Queued: 2 requests ahead of this one…');
    await ui.deliver(turnEvent('t4', { kind: 'retry', secondsLeft: 3, attempt: 2, maxAttempts: 5, reason: 'Rate limited (429)' }));
    assert.strictEqual(await state.locator('.state-text').textContent(), 'Rate limited (429) — retrying in 3s (attempt 2 of 5)');
    await state.locator('.state-text', { hasText: 'retrying in 2s' }).waitFor({ timeout: 3000 });
    await state.getByRole('button', { name: 'Cancel the retry' }).click();
    assert.deepStrictEqual(await ui.waitForPosted('stop'), { type: 'stop', turnId: 't4' });
    await ui.deliver(turnEvent('t4', { kind: 'step', step: { id: 's1', kind: 'tool', title: 'search_files "parseConfig"' } }));
    await ui.deliver(answerDelta('t4', 'Found it.'));
    await ui.page.locator('[data-turn-id="t4"] .markdown', { hasText: 'Found it.' }).waitFor();
    assert.ok(await state.isHidden(), 'the countdown goes away once text arrives');
    assert.deepStrictEqual(await ui.page.locator('[data-turn-id="t4"] .steps li').allTextContents(), ['search_files "parseConfig"']);
  });

  it('lists chats; opens one; deletes only after confirming', async () => {
    const ui = await open();
    await ui.deliver({ type: 'history', activeId: 'b', chats: [
      { id: 'a', title: 'Parser bug', updatedAt: Date.UTC(2026, 0, 2), messageCount: 4 },
      { id: 'b', title: 'Refactor', updatedAt: Date.UTC(2026, 0, 3), messageCount: 10 },
    ] });
    await ui.page.getByRole('button', { name: 'Show chat history' }).click();
    const history = ui.page.getByRole('navigation', { name: 'Chat history' });
    assert.strictEqual(await history.getByRole('button', { name: 'Open chat Refactor' }).getAttribute('aria-current'), 'true');
    await history.getByRole('button', { name: 'Delete chat Parser bug' }).click();
    assert.strictEqual((await ui.posted()).filter((m) => m.type === 'deleteChat').length, 0, 'nothing is deleted before confirming');
    await history.getByRole('button', { name: 'Keep Parser bug' }).click();
    await history.getByRole('button', { name: 'Delete chat Parser bug' }).click();
    await history.getByRole('button', { name: 'Confirm deleting Parser bug' }).click();
    assert.deepStrictEqual(await ui.waitForPosted('deleteChat'), { type: 'deleteChat', chatId: 'a' });
    await history.getByRole('button', { name: 'Open chat Refactor' }).click();
    assert.deepStrictEqual(await ui.waitForPosted('openChat'), { type: 'openChat', chatId: 'b' });
    assert.ok(await history.isHidden(), 'opening a chat closes the list');
  });

  it('shows host notices and lets the user dismiss them', async () => {
    const ui = await open();
    await ui.deliver({ type: 'notice', level: 'warning', text: 'Rate limit: 10 requests a minute on this tier.' });
    const notice = ui.page.locator('.notices .note.warning');
    assert.strictEqual(await notice.locator('.note-text').textContent(), 'Rate limit: 10 requests a minute on this tier.');
    await notice.getByRole('button', { name: 'Dismiss notice' }).click();
    assert.strictEqual(await notice.count(), 0);
  });

  it('labels every control and keeps the message list a polite live log', async () => {
    const ui = await open();
    await ui.deliver(conversation(CONVERSATION));
    const log = ui.page.getByRole('log', { name: 'Messages' });
    assert.strictEqual(await log.getAttribute('aria-live'), 'polite');
    const unlabelled = await ui.page.locator('button, select, textarea, input:not([type=file])').evaluateAll((elements) =>
      elements.filter((e) => !e.getAttribute('aria-label') && !(e.textContent ?? '').trim()).map((e) => e.outerHTML.slice(0, 60)),
    );
    assert.deepStrictEqual(unlabelled, []);
    await ui.page.getByRole('textbox', { name: 'Message' }).focus();
    await ui.page.keyboard.press('Shift+Tab');
    const focused = await ui.page.evaluate(() => (globalThis as unknown as { document: { activeElement: { tagName: string } | null } }).document.activeElement?.tagName);
    assert.notStrictEqual(focused, 'BODY', 'controls are reachable with the keyboard');
  });
});
