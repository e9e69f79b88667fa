import * as assert from 'assert';
import { webviewPerTest, type WebviewHarness } from './harness';
import { answerDelta, conversation, reasoningDelta, turnEnd, turnRecord, turnStart } from './samples';

/** ~`bytes` of one shape, ending with a line that names it so a test can wait for it to be drawn. */
function longAnswer(shape: 'fence' | 'lines', bytes: number): string {
  const lines = shape === 'fence' ? ['The file:', '', '```ts src/big.ts'] : [];
  for (let i = 0, size = 0; size < bytes; i++) {
    const line = shape === 'fence' ? `export const value${i} = ${i}; // a line of the file` : `Line ${i} has **bold** text, \`code\` and more words.`;
    lines.push(line);
    size += line.length + 1;
  }
  lines.push(`LAST-LINE-${shape}`);
  return lines.join('\n');
}

/** Streams `text` into a new turn in pieces of `size` characters, one post each, then ends it. */
async function stream(ui: WebviewHarness, turnId: string, text: string, size: number): Promise<void> {
  await ui.deliver(turnStart(turnId));
  for (let i = 0; i < text.length; i += size) await ui.deliver(answerDelta(turnId, text.slice(i, i + size)));
  await ui.deliverAll(turnEnd(turnId));
}

async function deliverWhole(ui: WebviewHarness, turnId: string, text: string): Promise<void> {
  await ui.deliver(turnStart(turnId));
  await ui.deliverAll([answerDelta(turnId, text), ...turnEnd(turnId)]);
}

/** The answer's body once its last line is drawn and it is finished. */
async function finishedBody(ui: WebviewHarness, turnId: string, text: string): Promise<string> {
  const last = text.slice(text.lastIndexOf('\n') + 1);
  await ui.page.locator(`[data-turn-id="${turnId}"][data-status="done"] .markdown`, { hasText: last }).waitFor({ timeout: 20_000 });
  return ui.page.locator(`[data-turn-id="${turnId}"] .markdown`).evaluate((body) => body.innerHTML);
}

/**
 * The answer's body while it still streams, with the streaming wrappers (parts, chunks, the tail) unwrapped:
 * what a reader sees, in the form a whole render draws it.
 */
async function liveBody(ui: WebviewHarness, turnId: string, last: string): Promise<string> {
  await ui.page.locator(`[data-turn-id="${turnId}"][data-status="streaming"] .stream-tail`, { hasText: last }).waitFor();
  return ui.page.locator(`[data-turn-id="${turnId}"] .markdown`).evaluate((body) => {
    const copy = body.cloneNode(true) as HTMLElement;
    const wrappers = copy.querySelectorAll(':scope > div:not([class]), .stream-part, .chunk, .stream-tail');
    for (const wrapper of Array.from(wrappers)) wrapper.replaceWith(...Array.from(wrapper.childNodes));
    return copy.innerHTML;
  });
}

describe('rendering long answers', () => {
  const open = webviewPerTest();

  for (const shape of ['fence', 'lines'] as const) {
    it(`draws a long answer (${shape === 'fence' ? 'one code fence that never closes' : 'lines with no blank line'}) the same streamed in bursts, delivered whole and reopened`, async () => {
      const ui = await open();
      const text = longAnswer(shape, 80_000);
      await stream(ui, 'streamed', text, 4096);
      const streamed = await finishedBody(ui, 'streamed', text);
      await deliverWhole(ui, 'whole', text);
      assert.strictEqual(await finishedBody(ui, 'whole', text), streamed);
      await ui.deliver(conversation([turnRecord('reopened', { text: 'again' }, { text })]));
      assert.strictEqual(await finishedBody(ui, 'reopened', text), streamed);
      if (shape === 'fence') {
        // Every line is in the one code block, as written; it is too long to colour.
        const code = await ui.page.locator('[data-turn-id="reopened"] pre code').allTextContents();
        assert.strictEqual(code.length, 1);
        assert.strictEqual(code[0], text.slice(text.indexOf('```ts src/big.ts\n') + '```ts src/big.ts\n'.length) + '\n');
        assert.strictEqual(await ui.page.locator('[data-turn-id="reopened"] pre').getAttribute('data-path'), 'src/big.ts');
      } else {
        const shown = (await ui.page.locator('[data-turn-id="reopened"] .markdown').textContent()) ?? '';
        assert.strictEqual(shown.replace(/\s+/g, ' ').trim(), text.replace(/\*\*|`/g, '').replace(/\s+/g, ' ').trim(), 'no text lost or repeated at the cuts');
      }
      assert.deepStrictEqual(ui.pageErrors, []);
    });
  }

  it('shows an open fence growing line by line, then draws the finished block exactly as a whole answer', async () => {
    const ui = await open();
    const code = Array.from({ length: 40 }, (_, i) => `  let x${i} = ${i}; /* note */`).join('\n');
    const text = `Code:\n\n\`\`\`rust\nfn main() {\n${code}\n}\n\`\`\`\n\nDone.`;
    const cut = text.indexOf('x20');
    await ui.deliver(turnStart('open'));
    await ui.deliver(answerDelta('open', text.slice(0, cut)));
    const live = ui.page.locator('[data-turn-id="open"] pre.streaming code');
    await live.filter({ hasText: 'x19 = 19' }).waitFor();
    assert.ok(!((await live.textContent()) ?? '').includes('```'), 'the fence markers are not shown as code');
    await ui.deliver(answerDelta('open', text.slice(cut)));
    await ui.deliverAll(turnEnd('open'));
    const streamed = await finishedBody(ui, 'open', text);
    await deliverWhole(ui, 'whole', text);
    assert.strictEqual(await finishedBody(ui, 'whole', text), streamed);
    assert.strictEqual(await ui.page.locator('[data-turn-id="open"] pre.streaming').count(), 0);
    assert.deepStrictEqual(ui.pageErrors, []);
  });

  it('draws short fences that open and close between two frames exactly as a whole answer, while the answer still streams', async () => {
    const ui = await open();
    const section = (i: number) => `Step **${i}** guards \`input${i}\`:\n\n\`\`\`ts\nconst x${i} = parse(input${i}) ?? ${i};\n\`\`\`\n\n- note ${i}\n- more\n\n`;
    const text = `${Array.from({ length: 30 }, (_, i) => section(i)).join('')}LAST-SHORT-FENCE`;
    // The grammar loads first, so that no block is drawn plain while it loads.
    await deliverWhole(ui, 'grammar', '```ts\nconst a = 1;\n```');
    await ui.page.locator('[data-turn-id="grammar"] .hljs-keyword').waitFor();
    await ui.deliver(turnStart('bursts'));
    // Bursts of several whole fences each: every fence opens and closes before the next frame draws.
    for (let i = 0; i < text.length; i += 700) await ui.deliver(answerDelta('bursts', text.slice(i, i + 700)));
    const streamed = await liveBody(ui, 'bursts', 'LAST-SHORT-FENCE');
    assert.strictEqual(await ui.page.locator('[data-turn-id="bursts"] pre.streaming').count(), 0, 'no fence is left drawn open');
    assert.strictEqual(await ui.page.locator('[data-turn-id="bursts"] .code-wrap').count(), 30, 'every block has its toolbar');
    await deliverWhole(ui, 'whole', text);
    await finishedBody(ui, 'whole', text);
    const whole = await ui.page.locator('[data-turn-id="whole"] .markdown').evaluate((body) => body.innerHTML);
    assert.strictEqual(streamed, whole);
    assert.deepStrictEqual(ui.pageErrors, []);
  });

  it('highlights a language whose grammar loads on first use, in a block drawn before it arrived', async () => {
    const ui = await open();
    await deliverWhole(ui, 'lazy', 'Here:\n\n```haskell\nmain :: IO ()\nmain = putStrLn "hi"\n```\n\n```kt\nfun main() { val x = 1 }\n```');
    const blocks = ui.page.locator('[data-turn-id="lazy"] pre.code-block');
    await blocks.first().locator('.hljs-type, .hljs-title, .hljs-string').first().waitFor();
    await blocks.nth(1).locator('.hljs-keyword').first().waitFor();
    assert.strictEqual(await ui.page.locator('[data-turn-id="lazy"] pre[data-pending]').count(), 0);
    assert.strictEqual(await blocks.nth(1).locator('code').textContent(), 'fun main() { val x = 1 }\n');
    assert.deepStrictEqual(ui.pageErrors, []);
  });

  it('colours every block and segment drawn while its grammar loaded, once it arrives, and keeps their text', async () => {
    const ui = await open();
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await ui.page.route('**/dist/chunks/python-*.js', async (route) => {
      await held;
      await route.continue();
    });
    const closed = Array.from({ length: 40 }, (_, i) => `\`\`\`python\ndef f${i}(x):\n    return x + ${i}\n\`\`\`\n`).join('\n');
    const lines = Array.from({ length: 600 }, (_, i) => `def g${i}(y):  # line ${i}\n    return y * ${i}`);
    const text = `${closed}\nThe module:\n\n\`\`\`python\n${lines.join('\n')}\nLAST-PY-LINE`;
    await ui.deliver(turnStart('late'));
    for (let i = 0; i < text.length; i += 600) await ui.deliver(answerDelta('late', text.slice(i, i + 600)));
    await ui.page.locator('[data-turn-id="late"] pre.streaming', { hasText: 'LAST-PY-LINE' }).waitFor();
    const waiting = await ui.page.locator('[data-turn-id="late"] [data-pending]').count();
    assert.ok(waiting > 40, `the closed blocks and the open fence's segments wait for the grammar (${waiting})`);
    release();
    await ui.page.waitForFunction(() => document.querySelectorAll('[data-turn-id="late"] [data-pending]').length === 0);
    const blocks = ui.page.locator('[data-turn-id="late"] pre.code-block:not(.streaming)');
    assert.strictEqual(await blocks.count(), 40);
    for (let i = 0; i < 40; i += 13) {
      assert.strictEqual(await blocks.nth(i).locator('code').textContent(), `def f${i}(x):\n    return x + ${i}\n`);
      assert.ok(await blocks.nth(i).locator('.hljs-keyword').count(), `block ${i} is coloured`);
    }
    const segments = ui.page.locator('[data-turn-id="late"] pre.streaming .code-seg');
    assert.ok((await segments.count()) > 1);
    assert.deepStrictEqual(
      await segments.evaluateAll((all) => all.filter((segment) => !segment.querySelector('.hljs-keyword')).length),
      0,
      'every segment of the open fence is coloured',
    );
    const code = await ui.page.locator('[data-turn-id="late"] pre.streaming code').textContent();
    assert.strictEqual(code, `${lines.join('\n')}\nLAST-PY-LINE`);
    assert.deepStrictEqual(ui.pageErrors, []);
  });

  it('draws a flood of plain code over several frames, at most 24 KB each, and keeps every line', async () => {
    const ui = await open();
    const text = longAnswer('fence', 600 * 1024);
    await ui.deliver(turnStart('flood'));
    await ui.page.evaluate(() => performance.clearMeasures('step-flash:stream-frame'));
    // One message: the whole block is there before the first frame, as after a backlog.
    await ui.deliver(answerDelta('flood', text));
    await ui.page.locator('[data-turn-id="flood"] pre.streaming', { hasText: 'LAST-LINE-fence' }).waitFor();
    const frames = await ui.page.evaluate(() => performance.getEntriesByName('step-flash:stream-frame').length);
    assert.ok(frames >= Math.ceil(text.length / (24 * 1024)), `${frames} frames drew ${Math.round(text.length / 1024)} KB`);
    const code = await ui.page.locator('[data-turn-id="flood"] pre.streaming code').textContent();
    assert.strictEqual(code, text.slice(text.indexOf('\n', text.indexOf('```')) + 1));
    assert.deepStrictEqual(ui.pageErrors, []);
  });

  it('lets a long line of a long streamed code block be scrolled to once it closes, unclipped', async () => {
    const ui = await open();
    // Over HIGHLIGHT_LIMIT (webview/render/markdown.ts), so the block keeps its streamed segments when it closes.
    const lines = Array.from({ length: 1200 }, (_, i) => `const value${i} = compute(${i}); // line ${i}`);
    const long = `const wide = '${'w'.repeat(3000)}';`;
    const text = ['```ts', ...lines, long, 'const last = 1;', '```', '', 'After the block.'].join('\n');
    await ui.deliver(turnStart('wide'));
    for (let i = 0; i < text.length; i += 4096) await ui.deliver(answerDelta('wide', text.slice(i, i + 4096)));
    await ui.deliverAll(turnEnd('wide'));
    const pre = ui.page.locator('[data-turn-id="wide"] pre');
    await ui.page.locator('[data-turn-id="wide"] .markdown', { hasText: 'After the block.' }).waitFor();
    await pre.locator('code', { hasText: 'const last = 1;' }).waitFor();
    await pre.evaluate((p) => (p.scrollIntoView({ block: 'end' }), undefined));
    const seen = await pre.evaluate((p) => {
      const segment = Array.from(p.querySelectorAll('.code-seg')).find((s) => (s.textContent ?? '').includes("const wide = '"))!;
      p.scrollLeft = p.scrollWidth;
      // Hit-testing follows painting: a point on the line's far end, scrolled into view, finds its text only if nothing clips it.
      const line = document.createRange();
      line.selectNodeContents(segment);
      const rects = Array.from(line.getClientRects()).filter((r) => r.width > 1000);
      const box = p.getBoundingClientRect();
      const y = rects.length ? rects[0].top + rects[0].height / 2 : -1;
      const hit = document.elementFromPoint(box.right - 30, y);
      return { scroller: getComputedStyle(p).overflowX, scrollWidth: p.scrollWidth, clientWidth: p.clientWidth, wideRects: rects.length, hitsLine: !!hit && segment.contains(hit) };
    });
    assert.strictEqual(seen.scroller, 'auto', 'the closed block scrolls sideways');
    assert.ok(seen.scrollWidth > seen.clientWidth + 1000, `the long line widens the block: ${JSON.stringify(seen)}`);
    assert.strictEqual(seen.wideRects, 1, `the long line is laid out: ${JSON.stringify(seen)}`);
    assert.ok(seen.hitsLine, `the far end of the line, scrolled to, is drawn: ${JSON.stringify(seen)}`);
    assert.strictEqual(await pre.locator('code').textContent(), [...lines, long, 'const last = 1;', ''].join('\n'));
  });

  it('keeps long reasoning exactly as streamed while laying it out in short blocks', async () => {
    const ui = await open();
    const paragraph = (i: number) => `Step ${i}: check the guard, then the parser, then the caller.`;
    const reasoning = Array.from({ length: 400 }, (_, i) => paragraph(i) + (i % 5 === 4 ? '\n\n' : ' ')).join('') + 'x'.repeat(20_000) + ' end';
    await ui.deliver(turnStart('think'));
    for (let i = 0; i < reasoning.length; i += 3000) await ui.deliver(reasoningDelta('think', reasoning.slice(i, i + 3000)));
    const body = ui.page.locator('[data-turn-id="think"] .thinking-body');
    await body.filter({ hasText: /x end$/ }).waitFor();
    assert.strictEqual(await body.textContent(), reasoning);
    assert.ok((await body.locator('.thinking-block').count()) > 10, 'laid out in many blocks');
    const longest = await body.locator('.thinking-block').evaluateAll((blocks) => Math.max(...blocks.map((b) => (b.textContent ?? '').length)));
    assert.ok(longest <= 8 * 2048, `no block holds more than 16 KB (longest ${longest})`);
  });

  it('draws reasoning that runs below the Thinking box in full, and leaves the box as a reopened chat draws it', async () => {
    const ui = await open();
    const reasoning = Array.from({ length: 120 }, (_, i) => `Line ${i} of the reasoning, below the box's view.\n`).join('');
    await ui.deliver(turnStart('below'));
    for (let i = 0; i < reasoning.length; i += 200) await ui.deliver(reasoningDelta('below', reasoning.slice(i, i + 200)));
    const body = ui.page.locator('[data-turn-id="below"] .thinking-body');
    await body.filter({ hasText: 'Line 119 of' }).waitFor();
    assert.strictEqual(await body.textContent(), reasoning);
    assert.ok(await body.evaluate((b) => b.scrollHeight > b.clientHeight + 100), 'the reasoning overflows its box');
    await ui.deliver(answerDelta('below', 'The answer.'));
    await ui.page.locator('[data-turn-id="below"] .stream-tail', { hasText: 'The answer.' }).waitFor();
    assert.strictEqual(await body.locator(':scope > :not(.thinking-block)').count(), 0, 'nothing but the text is left in the box once the answer starts');
    await ui.deliverAll(turnEnd('below'));
    await ui.page.locator('[data-turn-id="below"][data-status="done"]').waitFor();
    const streamed = await body.evaluate((b) => b.textContent);
    await ui.deliver(conversation([turnRecord('again', { text: 'again' }, { reasoning, text: 'The answer.' })]));
    assert.strictEqual(await ui.page.locator('[data-turn-id="again"] .thinking-body').evaluate((b) => b.textContent), streamed);
    assert.deepStrictEqual(ui.pageErrors, []);
  });
});
