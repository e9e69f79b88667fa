/**
 * The webview benchmarks in headless Chromium (the real dist/webview.js): the
 * 200,000-token stream from the simulator through client, batcher and protocol (paired
 * with the bare SDK loop in the same run), streams at real speeds into a 1,000-message
 * chat, a 1 MB answer streamed against delivered whole, the 1,000-message chat's
 * typing latency, and the empty chat's first paint. Needs STEP_FLASH_CHROMIUM and
 * STEP_FLASH_PLAYWRIGHT (scripts/bench.mjs sets them).
 *   node out/test/bench/webview.js [--runs N] [--only stream,real,huge,chat,paint] [--json]
 */
import { runAfterHooks } from './mochaShim';
import { openWebview } from '../ui/harness';
import { firstPaint } from './firstPaint';
import { hugeAnswer, renderHuge, type HugeFigures, type HugeShape } from './hugeAnswer';
import { longChat } from './longChat';
import { openLongChat, REAL_SPEEDS, streamAtSpeed, type RealSpeedFigures } from './realSpeed';
import { numberArg, round } from './stats';
import { startStreamSim } from './streamSource';
import { pairedStreams } from './webviewStream';

const only = (() => {
  const at = process.argv.indexOf('--only');
  return at < 0 ? undefined : new Set(process.argv[at + 1]?.split(','));
})();
const wanted = (part: string) => !only || only.has(part);

async function huge(shape: HugeShape): Promise<{ streamed: HugeFigures; whole: HugeFigures; ratio: number; cpuRatio: number }> {
  const text = hugeAnswer(shape);
  const measure = async (mode: 'streamed' | 'whole') => {
    const ui = await openWebview();
    try {
      return await renderHuge(ui, text, mode);
    } finally {
      await ui.close();
    }
  };
  const whole = await measure('whole');
  const streamed = await measure('streamed');
  return { streamed, whole, ratio: round(streamed.busyMs / Math.max(1, whole.busyMs), 2), cpuRatio: round(streamed.cpuMs / Math.max(1, whole.cpuMs), 2) };
}

async function main(): Promise<void> {
  const figures: Record<string, unknown> = {};
  try {
    if (wanted('stream')) {
      const run = await startStreamSim();
      try {
        const stream = await pairedStreams(() => openWebview(), run, numberArg('--runs', 5));
        figures.stream = stream;
        console.log(`webview stream: ${stream.tokensPerSecond} tok/s until painted against the SDK loop's ${stream.sdkTokensPerSecond} (${stream.ratio}×, runs ${stream.ratios.join(' ')}), longest task ${stream.longestTaskMs} ms, longest frame gap ${stream.longestFrameGapMs} ms, longest drawing frame ${stream.longestDrawMs} ms; CPU Node ${stream.nodeCpuMs} ms + Chromium ${stream.chromiumCpuMs} ms, ${stream.machineBusyPercent}% of all cores`);
      } finally {
        await run.close();
      }
    }
    if (wanted('real')) {
      const ui = await openWebview();
      const real: RealSpeedFigures[] = [];
      try {
        await openLongChat(ui);
        for (const speed of REAL_SPEEDS) real.push(await streamAtSpeed(ui, speed));
      } finally {
        await ui.close();
      }
      figures.realSpeed = real;
      for (const r of real) console.log(`${r.tokensPerSecond} tok/s into 1,000 messages: main thread busy ${r.busyPercent}% (CPU ${r.cpuPercent}%), longest frame ${r.longestFrameMs} ms, longest task ${r.longestTaskMs} ms`);
    }
    if (wanted('huge')) {
      const fence = await huge('fence');
      const lines = await huge('lines');
      figures.huge = { fence, lines };
      for (const [name, h] of Object.entries({ 'one unclosed fence': fence, 'markdown lines': lines })) {
        console.log(`1 MB ${name}: streamed ${h.streamed.busyMs} ms busy, ${h.streamed.cpuMs} ms CPU (longest task ${h.streamed.longestTaskMs} ms), whole ${h.whole.busyMs} ms busy, ${h.whole.cpuMs} ms CPU (${h.ratio}× busy, ${h.cpuRatio}× CPU)`);
      }
    }
    if (wanted('chat')) {
      const chat = await longChat(() => openWebview());
      figures.longChat = chat;
      console.log(`1,000 messages: open ${chat.openMs} ms, keypress p50 ${chat.keyP50Ms} ms / p95 ${chat.keyP95Ms} ms, heap ${chat.heapBeforeMB} → ${chat.heapAfterMB} MB`);
    }
    if (wanted('paint')) {
      const paint = await firstPaint(() => openWebview());
      figures.firstPaint = paint;
      console.log(`empty chat: first paint ${paint.firstPaintMs} ms (median of ${paint.loads}: ${paint.runsMs.join(' ')}), ready ${paint.readyMs} ms, rest of the chat loaded ${paint.loadedMs} ms`);
    }
    if (process.argv.includes('--json')) console.log(JSON.stringify(figures));
  } finally {
    await runAfterHooks();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
