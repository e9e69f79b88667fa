/**
 * A 1,000-message conversation in the real webview: time to open it, composer
 * keypress-to-paint latency (against an empty chat), and the JS heap before and
 * after the messages are appended.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import type { TurnRecord } from '../../src/shared/turnEvents';
import type { WebviewHarness } from '../ui/harness';
import { conversation, status, turnRecord, USAGE } from '../ui/samples';
import { percentile, round } from './stats';

const ROOT = path.resolve(__dirname, '..', '..', '..');
/**
 * Keypresses timed in each chat. A latency lands on a frame boundary (~16.7 ms apart), so its p95 moves in steps;
 * with 100 presses it rested on the five slowest and one run read 19.9 ms against the empty chat's 17.0.
 */
export const KEYPRESSES = 200;

/** Mixed turns, two messages each: prose, lists, tables, code blocks, and a screenshot on every tenth question. */
export function longConversation(count = 1000): TurnRecord[] {
  const png = readFileSync(path.join(ROOT, 'test', 'fixtures', 'media', 'screenshot-40x30.png')).toString('base64');
  const turns: TurnRecord[] = [];
  for (let i = 0; turns.length * 2 < count; i++) {
    const question = `Question ${i}: why does \`step${i}\` fail on empty input?`;
    turns.push(
      turnRecord(`a${i}`, { text: question, ...(i % 10 === 0 ? { images: [{ name: `shot${i}.png`, mime: 'image/png', base64: png }] } : {}) }, {
        reasoning: `The user asks about step${i}. Look at the guard first.`,
        text: [
          `## Answer ${i}`,
          '',
          `Because **step${i}** parses before checking. Guard it:`,
          '',
          '```ts',
          `export function step${i}(text: string): number {`,
          "  if (text === '') return 0;",
          `  return Number(text) * ${i};`,
          '}',
          '```',
          '',
          '| case | result |',
          '| --- | --- |',
          `| empty | 0 |`,
          `| "2" | ${2 * i} |`,
          '',
          '- first point',
          '- second point with `code`',
        ].join('\n'),
        usage: USAGE,
      }),
    );
  }
  return turns;
}

async function heapUsed(ui: WebviewHarness): Promise<number> {
  const cdp = await ui.webviewSession();
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

/**
 * Presses keys one at a time, each once the last one's frame is done; each latency runs from the keydown's
 * timestamp to the frame after the input event. The listeners are removed at the end: left in place, a second
 * measurement in the same page counted every key twice and pressed the next key before the last one's frame.
 */
export async function keypressLatencies(ui: WebviewHarness, count: number): Promise<number[]> {
  const input = ui.page.locator('textarea');
  await input.fill('');
  await input.focus();
  await ui.page.evaluate(() => {
    const w = globalThis as unknown as { __keys: number[]; __keyAt: number; __keysDone: AbortController };
    w.__keys = [];
    w.__keysDone = new AbortController();
    const signal = w.__keysDone.signal;
    const area = document.querySelector('textarea')!;
    area.addEventListener('keydown', (e) => (w.__keyAt = e.timeStamp), { capture: true, signal });
    area.addEventListener(
      'input',
      () => {
        const at = w.__keyAt;
        requestAnimationFrame(() => setTimeout(() => w.__keys.push(performance.now() - at), 0));
      },
      { signal },
    );
  });
  const keys = 'abcdefghij ';
  for (let i = 0; i < count; i++) {
    await ui.page.keyboard.press(keys[i % keys.length] === ' ' ? 'Space' : keys[i % keys.length]);
    await ui.page.waitForFunction((n) => (globalThis as unknown as { __keys: number[] }).__keys.length >= n, i + 1);
  }
  await ui.page.evaluate(() => (globalThis as unknown as { __keysDone: AbortController }).__keysDone.abort());
  const typed = await input.inputValue();
  if (typed.length !== count) throw new Error(`the composer holds ${typed.length} characters after ${count} keypresses`);
  const latencies = await ui.page.evaluate(() => (globalThis as unknown as { __keys: number[] }).__keys);
  if (latencies.length !== count) throw new Error(`${latencies.length} latencies measured for ${count} keypresses`);
  return latencies;
}

export interface LongChatFigures {
  messages: number;
  openMs: number;
  keyEmptyP50Ms: number;
  keyEmptyP95Ms: number;
  keyP50Ms: number;
  keyP95Ms: number;
  heapBeforeMB: number;
  heapAfterMB: number;
}

export async function longChat(open: () => Promise<WebviewHarness>): Promise<LongChatFigures> {
  const ui = await open();
  try {
    await ui.waitForPosted('ready');
    await ui.waitForLoaded();
    await ui.deliver(status());
    const empty = await keypressLatencies(ui, KEYPRESSES);
    const before = await heapUsed(ui);
    const turns = longConversation();
    const last = turns.at(-1)!;
    const started = await ui.page.evaluate(() => performance.now());
    await ui.deliver(conversation(turns, USAGE, 'big'));
    await ui.page.locator(`[data-turn-id="${last.id}"] pre code`).waitFor();
    const openMs = await ui.page.evaluate((t0) => performance.now() - t0, started);
    const count = await ui.page.locator('.transcript .message').count();
    if (count !== turns.length * 2) throw new Error(`the transcript shows ${count} messages, expected ${turns.length * 2}`);
    await ui.page.waitForTimeout(1000); // lets lazy rendering after opening settle, so typing is measured on its own
    const full = await keypressLatencies(ui, KEYPRESSES);
    const after = await heapUsed(ui);
    if (ui.pageErrors.length) throw new Error(`the webview reported errors: ${ui.pageErrors.join('; ')}`);
    return {
      messages: turns.length * 2,
      openMs: Math.round(openMs),
      keyEmptyP50Ms: round(percentile(empty, 50)),
      keyEmptyP95Ms: round(percentile(empty, 95)),
      keyP50Ms: round(percentile(full, 50)),
      keyP95Ms: round(percentile(full, 95)),
      heapBeforeMB: round(before / 1048576),
      heapAfterMB: round(after / 1048576),
    };
  } finally {
    await ui.close();
  }
}
