/**
 * Time to first paint of an empty chat: a fresh page (no cache) loads the real
 * bundle behind the real HTML and CSP, and Chromium reports its first contentful
 * paint; the median of several loads is reported.
 */
import type { WebviewHarness } from '../ui/harness';
import { median, round } from './stats';

export interface FirstPaintFigures {
  loads: number;
  /** Navigation start → first contentful paint, median (ms). */
  firstPaintMs: number;
  /** Navigation start → the webview posted `ready` (its UI is built), median (ms). */
  readyMs: number;
  runsMs: number[];
}

export async function firstPaint(open: () => Promise<WebviewHarness>, loads = 7): Promise<FirstPaintFigures> {
  const paints: number[] = [];
  const readies: number[] = [];
  for (let i = 0; i < loads; i++) {
    const ui = await open();
    try {
      await ui.waitForPosted('ready');
      await ui.page.locator('.transcript .empty').waitFor();
      const { paint, ready } = await ui.page.evaluate(
        () =>
          new Promise<{ paint: number; ready: number }>((resolve) => {
            const read = () => {
              const entry = performance.getEntriesByName('first-contentful-paint')[0];
              if (!entry) {
                requestAnimationFrame(read);
                return;
              }
              const ready = performance.getEntriesByName('step-flash:ready')[0];
              resolve({ paint: entry.startTime, ready: ready ? ready.startTime : Number.NaN });
            };
            read();
          }),
      );
      paints.push(paint);
      readies.push(ready);
      if (ui.pageErrors.length) throw new Error(`the webview reported errors: ${ui.pageErrors.join('; ')}`);
    } finally {
      await ui.close();
    }
  }
  return { loads, firstPaintMs: round(median(paints)), readyMs: round(median(readies)), runsMs: paints.map((p) => round(p)) };
}
