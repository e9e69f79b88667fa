import * as assert from 'assert';
import { PageEvents, webviewPerTest } from './harness';
import { answerDelta, conversation, CONVERSATION, reasoningDelta, turnEnd, turnRecord, turnStart, USAGE } from './samples';

const ANSWER = [
  '## Fix',
  '',
  'Guard the **empty** case first, then parse:',
  '',
  '```typescript',
  'export function parse(text: string): number {',
  "  if (text === '') return 0;",
  '  return Number(text);',
  '}',
  '```',
  '',
  '1. first item',
  '2. second item',
  '',
  'Done.',
].join('\n');

/** Splits text into deltas of 1–4 characters, as a fast model streams it. */
function pieces(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; ) {
    const n = 1 + (i % 4);
    out.push(text.slice(i, i + n));
    i += n;
  }
  return out;
}

/** What the page keeps of the browser's contentvisibilityautostatechange events, per element. */
type Skips = { __skipped: Map<Element, boolean> };

describe('streaming answers', () => {
  const open = webviewPerTest();

  it('renders many small deltas into the correct, highlighted markdown', async () => {
    const ui = await open();
    await ui.deliver(turnStart('t1', 'Fix parse'));
    await ui.deliverAll(pieces(ANSWER).map((content) => answerDelta('t1', content)));
    await ui.page.locator('[data-turn-id="t1"] .markdown').getByText('Done.').waitFor();
    await ui.deliverAll(turnEnd('t1', { usage: USAGE }));
    const answer = ui.page.locator('[data-turn-id="t1"]');
    assert.strictEqual(await answer.locator('.markdown h2').textContent(), 'Fix');
    assert.strictEqual(await answer.locator('.markdown strong').textContent(), 'empty');
    assert.deepStrictEqual(await answer.locator('.markdown ol li').allTextContents(), ['first item', 'second item']);
    const code = answer.locator('pre code');
    assert.strictEqual(await code.count(), 1);
    assert.strictEqual(await code.textContent(), "export function parse(text: string): number {\n  if (text === '') return 0;\n  return Number(text);\n}\n");
    assert.ok((await code.locator('.hljs-keyword').allTextContents()).includes('function'), 'keywords are highlighted');
    assert.match((await answer.locator('.usage').textContent()) ?? '', /1,234 in \(65% cached\) · 567 out · \$0\.0021/);
    assert.strictEqual(await answer.getAttribute('data-status'), 'done');
    assert.deepStrictEqual(ui.pageErrors, []);
  });

  it('streams thinking open, folds it when the answer starts, and lets the user reopen it', async () => {
    const ui = await open();
    await ui.deliver(turnStart('t1'));
    await ui.deliverAll(['Let me ', 'think about ', 'the parser.'].map((text) => reasoningDelta('t1', text)));
    const thinking = ui.page.locator('[data-turn-id="t1"] details.thinking');
    await ui.page.locator('.thinking-body', { hasText: 'Let me think about the parser.' }).waitFor();
    assert.strictEqual(await thinking.evaluate((d) => (d as unknown as { open: boolean }).open), true);
    assert.strictEqual(await thinking.locator('summary').textContent(), 'Thinking…');
    await ui.deliver(answerDelta('t1', 'The answer'));
    await ui.page.locator('details.thinking:not([open])').waitFor();
    assert.match((await thinking.locator('summary').textContent()) ?? '', /^Thinking \(30 chars\)$/);
    await thinking.locator('summary').click();
    await ui.deliver(answerDelta('t1', ' goes on.'));
    await ui.page.locator('.markdown', { hasText: 'goes on.' }).waitFor();
    assert.strictEqual(await thinking.evaluate((d) => (d as unknown as { open: boolean }).open), true, 'the user reopened it and it stays open');
    assert.strictEqual(await thinking.locator('.thinking-body').textContent(), 'Let me think about the parser.');
  });

  it('counts the reasoning in its folded summary, grouped, and keeps counting what comes after the answer started', async () => {
    const ui = await open();
    await ui.deliver(turnStart('t1'));
    await ui.deliver(reasoningDelta('t1', 'r'.repeat(12_345)));
    await ui.deliver(answerDelta('t1', 'The answer'));
    const summary = ui.page.locator('[data-turn-id="t1"] details.thinking summary');
    await ui.page.locator('details.thinking:not([open])').waitFor();
    assert.strictEqual(await summary.textContent(), 'Thinking (12,345 chars)');
    await ui.deliver(reasoningDelta('t1', 'r'.repeat(1_000_000 - 12_345)));
    await ui.page.locator('details.thinking summary', { hasText: 'Thinking (1,000,000 chars)' }).waitFor();
    assert.strictEqual(await summary.getAttribute('aria-label'), 'Thinking, finished');
  });

  it('does not lay out reasoning below the Thinking box until it is scrolled into view, and then shows all of it', async () => {
    const ui = await open();
    await ui.deliver(turnStart('t1'));
    await ui.deliver(reasoningDelta('t1', 'first thought\n'));
    const body = ui.page.locator('[data-turn-id="t1"] .thinking-body');
    // The browser says when it starts or stops skipping a block's content (not laid out, not painted); the
    // event does not bubble, so it is caught on the way down.
    await body.evaluate((b) => {
      const w = globalThis as unknown as Skips;
      w.__skipped = new Map();
      b.addEventListener('contentvisibilityautostatechange', (e) => w.__skipped.set(e.target as Element, (e as unknown as { skipped: boolean }).skipped), { capture: true });
    });
    const lines = Array.from({ length: 2000 }, (_, i) => `thought ${i} about the parser\n`);
    await ui.deliver(reasoningDelta('t1', lines.join('')));
    await body.locator('.thinking-block').nth(10).waitFor({ state: 'attached' });
    /** Waits until the browser last said of the last block that it skips it (or draws it). */
    const lastBlockSkipped = (skipped: boolean) =>
      ui.page.waitForFunction(
        (want) => {
          const blocks = document.querySelectorAll('[data-turn-id="t1"] .thinking-block');
          return (globalThis as unknown as Skips).__skipped.get(blocks[blocks.length - 1]) === want;
        },
        skipped,
        { timeout: 10_000 },
      );
    await lastBlockSkipped(true);
    const before = await body.evaluate((b) => {
      const states = (globalThis as unknown as Skips).__skipped;
      return Array.from(b.querySelectorAll('.thinking-block')).map((block) => states.get(block) ?? null);
    });
    assert.ok(before.length > 10, `${before.length} blocks`);
    assert.notStrictEqual(before[0], true, 'the first block, in view, is drawn');
    assert.strictEqual(before[before.length - 1], true, 'the last block, far below the view, is skipped');
    await body.evaluate((b) => (b.scrollTop = b.scrollHeight));
    await lastBlockSkipped(false);
    assert.strictEqual(await body.evaluate((b) => b.textContent), `first thought\n${lines.join('')}`, 'every line is there, in order');
  });

  it('Stop posts stop; the partial answer stays, marked stopped', async () => {
    const ui = await open();
    await ui.deliver(turnStart('t7'));
    await ui.deliver(answerDelta('t7', 'Partial answer so far'));
    const button = ui.page.getByRole('button', { name: 'Stop the answer' });
    await button.click();
    assert.deepStrictEqual(await ui.waitForPosted('stop'), { type: 'stop', turnId: 't7' });
    await ui.deliverAll(turnEnd('t7', { stopped: true }));
    const answer = ui.page.locator('[data-turn-id="t7"]');
    assert.strictEqual((await answer.locator('.markdown').textContent())?.trim(), 'Partial answer so far');
    assert.strictEqual(await answer.locator('.status-badge').textContent(), 'stopped');
    assert.strictEqual(await answer.getAttribute('data-status'), 'stopped');
    assert.ok(await ui.page.getByRole('button', { name: 'Send message' }).isVisible(), 'Send is back');
  });

  it('never touches finished messages while a new answer streams', async () => {
    const ui = await open();
    await ui.deliver(conversation(CONVERSATION));
    // Settled first: its code block is highlighted once the language's grammar has loaded.
    await ui.page.locator('[data-turn-id="t1"] pre:not([data-pending]) .hljs-keyword').first().waitFor();
    await ui.page.evaluate(() => (globalThis as unknown as PageEvents).__uiTest.watchMutations('[data-turn-id="t1"]'));
    await ui.deliver(turnStart('t2'));
    await ui.deliverAll(pieces('Some *streamed* text.\n\nAnd more.').map((content) => answerDelta('t2', content)));
    await ui.deliverAll(turnEnd('t2'));
    await ui.page.locator('[data-turn-id="t2"][data-status="done"] .markdown em', { hasText: 'streamed' }).waitFor();
    assert.strictEqual(await ui.page.evaluate(() => (globalThis as unknown as PageEvents).__uiTest.mutations()), 0);
  });

  it('measures the render rate of a 20,000-delta stream (printed, not asserted)', async () => {
    const ui = await open();
    await ui.deliver(turnStart('fast'));
    const paragraph = 'The quick model streams `tokens` faster than anyone reads. ';
    const deltas: string[] = [];
    for (let i = 0; deltas.length < 20_000; i++) {
      if (i % 400 === 399) deltas.push('\n\n```ts\nconst x = 1;\n```\n\n');
      else deltas.push(paragraph.slice((i * 5) % 55, ((i * 5) % 55) + 5) + (i % 80 === 79 ? '\n\n' : ''));
    }
    deltas.push('END-OF-STREAM');
    const totalChars = deltas.reduce((n, d) => n + d.length, 0);
    await ui.deliverBurst(deltas.map((content) => answerDelta('fast', content)));
    const figures = await ui.frameMeterUntil('[data-turn-id="fast"] .stream-tail', 'END-OF-STREAM');
    console.log(
      `      stream: ${deltas.length} deltas, ${(totalChars / 1024).toFixed(0)} KB posted in ${figures.postMs.toFixed(0)} ms → last delta painted after ${figures.ms.toFixed(0)} ms, ` +
        `${figures.frames} frames, longest frame gap ${figures.longest.toFixed(1)} ms, ${figures.longTasks} long tasks (longest ${figures.longestTask.toFixed(0)} ms); ` +
        `${figures.renders} batched renders, longest ${figures.longestRender.toFixed(1)} ms`,
    );
    const started = Date.now();
    await ui.deliverAll(turnEnd('fast'));
    await ui.page.locator('[data-turn-id="fast"][data-status="done"]').waitFor();
    console.log(`      final whole-answer render: ${Date.now() - started} ms (including the round trip)`);
    assert.strictEqual(await ui.page.locator('[data-turn-id="fast"] pre code').count(), 50);
  });

  it('measures opening a 1,000-message chat and typing in it (printed, not asserted)', async () => {
    const ui = await open();
    const turns = [];
    for (let i = 0; i < 500; i++) {
      turns.push(turnRecord(`a${i}`, { text: `Question ${i}: how do I do thing ${i}?` }, { text: `Answer ${i}.\n\n\`\`\`ts\nconst v${i} = ${i};\n\`\`\`\n\n- point one\n- point two` }));
    }
    const typeInto = async () => {
      const input = ui.page.locator('textarea');
      await input.fill('');
      const t0 = Date.now();
      await input.pressSequentially('typing stays instant', { delay: 0 });
      return Date.now() - t0;
    };
    const typedEmpty = await typeInto();
    const started = await ui.page.evaluate(() => performance.now());
    await ui.deliver(conversation(turns, USAGE, 'big'));
    await ui.page.locator('[data-turn-id="a499"] pre code', { hasText: 'const v499 = 499;' }).waitFor();
    const opened = await ui.page.evaluate((t0) => performance.now() - t0, started);
    const rendered = await ui.page.locator('.transcript .message:not(.placeholder)').count();
    await typeInto(); // the first pass overlaps the lazy rendering that follows opening
    const typed = await typeInto();
    console.log(
      `      1,000 messages: shown in ${opened.toFixed(0)} ms with ${rendered} rendered eagerly; ` +
        `typing 20 characters through Playwright took ${typed} ms (${typedEmpty} ms in an empty chat)`,
    );
    assert.strictEqual(await ui.page.locator('.transcript .message').count(), 1000);
    // Scrolling to the top renders the oldest messages on demand.
    await ui.page.locator('.transcript').evaluate((t) => (t.scrollTop = 0));
    await ui.page.locator('[data-question-of="a0"]', { hasText: 'Question 0: how do I do thing 0?' }).waitFor();
  });
});
