/**
 * Time to first paint of an empty chat: a fresh page (no cache) loads the real
 * bundle behind the real HTML and CSP, and Chromium reports its first contentful
 * paint; the median of several loads is reported. The page says `ready` once its
 * shell is drawn and loads the rest of the chat after the first paint
 * (webview/main.ts); `loadedMs` is when that rest has taken over, from which host
 * messages are rendered.
 */
import type { WebviewHarness } from '../ui/harness';
import { median, round } from './stats';

export interface FirstPaintFigures {
  loads: number;
  /** Navigation start → first contentful paint, median (ms). */
  firstPaintMs: number;
  /** Navigation start → the webview posted `ready` (its shell is built; host messages wait from then), median (ms). */
  readyMs: number;
  /** Navigation start → the rest of the chat loaded and took over (host messages are rendered), median (ms). */
  loadedMs: number;
  runsMs: number[];
}

export async function firstPaint(open: () => Promise<WebviewHarness>, loads = 7): Promise<FirstPaintFigures> {
  const paints: number[] = [];
  const readies: number[] = [];
  const loadedAt: number[] = [];
  for (let i = 0; i < loads; i++) {
    const ui = await open();
    try {
      await ui.waitForPosted('ready');
      await ui.page.locator('.transcript .empty').waitFor();
      const { paint, ready, loaded } = await ui.page.evaluate(
        () =>
          new Promise<{ paint: number; ready: number; loaded: number }>((resolve) => {
            const read = () => {
              const entry = performance.getEntriesByName('first-contentful-paint')[0];
              const loaded = performance.getEntriesByName('step-flash:loaded')[0];
              if (!entry || !loaded) {
                requestAnimationFrame(read);
                return;
              }
              const ready = performance.getEntriesByName('step-flash:ready')[0];
              resolve({ paint: entry.startTime, ready: ready ? ready.startTime : Number.NaN, loaded: loaded.startTime });
            };
            read();
          }),
      );
      paints.push(paint);
      readies.push(ready);
      loadedAt.push(loaded);
      if (ui.pageErrors.length) throw new Error(`the webview reported errors: ${ui.pageErrors.join('; ')}`);
    } finally {
      await ui.close();
    }
  }
  return { loads, firstPaintMs: round(median(paints)), readyMs: round(median(readies)), loadedMs: round(median(loadedAt)), runsMs: paints.map((p) => round(p)) };
}
