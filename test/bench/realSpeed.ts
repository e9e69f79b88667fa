/**
 * Streams at the speeds people see, into a chat that already holds 1,000 messages:
 * 400 tok/s (StepFun's top speed) and 4,000 tok/s (local serving with multi-token
 * prediction), paced by the simulator and read by the real client, batcher and webview.
 * What matters here is not throughput but how much of the main thread the stream
 * takes (the rest is the user's: typing, scrolling) and whether any frame is late.
 */
import { DeltaBatcher } from '../../src/core/chat/deltaBatcher';
import type { HostMessage } from '../../src/shared/protocol';
import { startSimulator } from '../sim/server';
import type { WebviewHarness } from '../ui/harness';
import { conversation, status, turnEnd, turnStart, USAGE } from '../ui/samples';
import { longConversation } from './longChat';
import { busyMeter } from './pageProfile';
import { benchReply, END_MARKER, readWithClient } from './streamSource';

export const REAL_SPEEDS = [400, 4000] as const;
/** Long enough for many batches and frames, short enough for a benchmark. */
const SECONDS = 8;

export interface RealSpeedFigures {
  tokensPerSecond: number;
  seconds: number;
  /** Main-thread task time over wall time while the stream ran, in percent. */
  busyPercent: number;
  /** Main-thread CPU time over wall time, in percent (not inflated by other processes on a loaded machine). */
  cpuPercent: number;
  /** The longest animation frame over 50 ms (0 when none was), and the longest task over 50 ms. */
  longestFrameMs: number;
  longestTaskMs: number;
}

/** Opens the 1,000-message chat in `ui`; call once, then stream into it. */
export async function openLongChat(ui: WebviewHarness): Promise<void> {
  await ui.waitForPosted('ready');
  await ui.waitForLoaded();
  await ui.deliver(status());
  const turns = longConversation();
  await ui.deliver(conversation(turns, USAGE, 'big'));
  await ui.page.locator(`[data-turn-id="${turns.at(-1)!.id}"] pre code`).waitFor();
  await ui.page.waitForTimeout(1000); // lets lazy rendering after opening settle
}

/**
 * Long frames and long tasks, observed without asking for frames: a requestAnimationFrame meter would
 * itself make the browser run a frame every 16 ms, which is a good part of what is measured here.
 * Chromium reports a long animation frame to the local root of the renderer that drew it, the webview's host
 * frame, not to the webview's own frame (observed there, a 120 ms frame was never reported); long tasks are
 * reported to the webview's frame.
 */
async function watchLongFrames(ui: WebviewHarness): Promise<() => Promise<{ longestFrameMs: number; longestTaskMs: number }>> {
  type Longest = { __longest: number };
  const watch = (type: string) => {
    const w = globalThis as unknown as Longest;
    w.__longest = 0;
    new PerformanceObserver((list) => list.getEntries().forEach((e) => (w.__longest = Math.max(w.__longest, e.duration)))).observe({ type });
  };
  await ui.hostFrame.evaluate(watch, 'long-animation-frame');
  await ui.page.evaluate(watch, 'longtask');
  return async () => {
    const longest = () => (globalThis as unknown as Longest).__longest;
    return { longestFrameMs: Math.round(await ui.hostFrame.evaluate(longest)), longestTaskMs: Math.round(await ui.page.evaluate(longest)) };
  };
}

export async function streamAtSpeed(ui: WebviewHarness, tokensPerSecond: number, turnId = `real-${tokensPerSecond}`): Promise<RealSpeedFigures> {
  const sim = await startSimulator({ tokensPerSecond });
  const busy = await busyMeter(ui);
  try {
    sim.respondWith(() => ({ ...benchReply(tokensPerSecond * SECONDS), tokensPerChunk: [1, 4] }));
    await ui.deliver(turnStart(turnId, 'stream'));
    const deliveries: Promise<void>[] = [];
    const post = (message: HostMessage) => deliveries.push(ui.post(message));
    const batcher = new DeltaBatcher((event) => post({ type: 'turn', turnId, event }));
    const longFrames = await watchLongFrames(ui);
    const before = await busy.read();
    const t0 = performance.now();
    await readWithClient(sim, (t) => batcher.addContent(t), (t) => batcher.addReasoning(t));
    batcher.flush();
    await Promise.all(deliveries);
    // The last batch is drawn within one stream interval; the span ends when it is painted.
    await ui.page.waitForFunction(
      ({ selector, marker }) => (document.querySelector(selector)?.textContent ?? '').includes(marker),
      { selector: `[data-turn-id="${turnId}"] .stream-tail`, marker: END_MARKER },
      { polling: 50 },
    );
    const ms = performance.now() - t0;
    const after = await busy.read();
    const long = await longFrames();
    await ui.deliverAll(turnEnd(turnId));
    if (ui.pageErrors.length) throw new Error(`the webview reported errors: ${ui.pageErrors.join('; ')}`);
    return {
      tokensPerSecond,
      seconds: Math.round(ms / 100) / 10,
      busyPercent: Math.round(((after.taskMs - before.taskMs) / ms) * 1000) / 10,
      cpuPercent: Math.round(((after.cpuMs - before.cpuMs) / ms) * 1000) / 10,
      ...long,
    };
  } finally {
    await busy.close();
    await sim.close();
  }
}
