/**
 * A 1 MB answer in the real webview, streamed in 4 KB bursts against the same text
 * delivered whole (one answer event), for two shapes: one code fence that never closes,
 * and ordinary markdown lines with no blank line between them (so no block ever
 * finishes). Rendering while streaming must stay linear in the answer's length: the
 * streamed render's main-thread time is compared with the whole one's.
 */
import type { HostMessage } from '../../src/shared/protocol';
import type { WebviewHarness } from '../ui/harness';
import { answerDelta, status, turnEnd, turnStart } from '../ui/samples';
import { busyMeter } from './pageProfile';

export const HUGE_BYTES = 1024 * 1024;
export const BURST_BYTES = 4 * 1024;
export type HugeShape = 'fence' | 'lines';

/** ~1 MB of one shape; the last line names the shape so the bench can wait for it to be painted. */
export function hugeAnswer(shape: HugeShape, bytes = HUGE_BYTES): string {
  const lines: string[] = shape === 'fence' ? ['Here is the file:', '', '```ts'] : [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line =
      shape === 'fence'
        ? `export function step${i}(input: string): number { return input.length * ${i}; } // line ${i}`
        : `Line ${i} says **something** about \`step${i}\` and [a link](https://example.com/${i}) with plain words after it.`;
    lines.push(line);
    size += line.length + 1;
  }
  lines.push(`END-OF-HUGE-${shape}`);
  return lines.join('\n');
}

export interface HugeFigures {
  /** Main-thread task time from the first delivery until the end is painted. */
  busyMs: number;
  /** Main-thread CPU time for the same span. */
  cpuMs: number;
  /** Wall time for the same span. */
  ms: number;
  longestTaskMs: number;
  longestFrameGapMs: number;
}

/** Delivers `text` as one answer event or in BURST_BYTES pieces, ends the turn, and measures until it is painted. */
export async function renderHuge(ui: WebviewHarness, text: string, mode: 'streamed' | 'whole'): Promise<HugeFigures> {
  await ui.waitForPosted('ready');
  await ui.waitForLoaded();
  await ui.deliver(status());
  await ui.deliver(turnStart('huge', 'Show the whole file'));
  const messages: HostMessage[] = [];
  if (mode === 'whole') messages.push(answerDelta('huge', text));
  else for (let i = 0; i < text.length; i += BURST_BYTES) messages.push(answerDelta('huge', text.slice(i, i + BURST_BYTES)));
  messages.push(...turnEnd('huge'));
  const busy = await busyMeter(ui);
  try {
    const before = await busy.read();
    await ui.startFrameMeter();
    const t0 = performance.now();
    // Each burst is its own post, as the host's postMessage delivers them: one task each.
    await Promise.all(messages.map((message) => ui.post(message)));
    const marker = text.slice(text.lastIndexOf('\n') + 1);
    const meter = await ui.frameMeterUntil('[data-turn-id="huge"][data-status="done"] .markdown', marker);
    const ms = performance.now() - t0;
    const after = await busy.read();
    if (ui.pageErrors.length) throw new Error(`the webview reported errors: ${ui.pageErrors.join('; ')}`);
    return { busyMs: Math.round(after.taskMs - before.taskMs), cpuMs: Math.round(after.cpuMs - before.cpuMs), ms: Math.round(ms), longestTaskMs: Math.round(meter.longestTask), longestFrameGapMs: Math.round(meter.longest) };
  } finally {
    await busy.close();
  }
}
