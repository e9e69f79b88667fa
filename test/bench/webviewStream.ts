/**
 * Host → protocol → webview: the client's deltas go through the host's
 * DeltaBatcher and arrive as `turn` messages (answer and reasoning events) in the real webview bundle in
 * headless Chromium, until the last token is painted. Each run is paired with a run
 * of the bare SDK loop on the same simulator, so the ratio of the two is measured
 * under the same machine load (these machines are shared).
 */
import { cpus } from 'os';
import type { CDPSession } from 'playwright-core';
import { DeltaBatcher } from '../../src/core/chat/deltaBatcher';
import type { HostMessage } from '../../src/shared/protocol';
import type { WebviewHarness } from '../ui/harness';
import { status, turnStart } from '../ui/samples';
import { median, round } from './stats';
import { END_MARKER, readWithClient, readWithSdk, STREAM_TOKENS, type StreamRun } from './streamSource';

export interface WebviewStreamFigures {
  ms: number;
  tokensPerSecond: number;
  posts: number;
  /** When the client had read the whole stream (the rest until `ms` is the webview catching up). */
  readMs: number;
  longestTaskMs: number;
  longTasks: number;
  longestFrameGapMs: number;
  frames: number;
  /** The longest frame the chat's streaming code drew (its step-flash:stream-frame measures): what of a long task is ours. */
  longestDrawMs: number;
  /**
   * CPU time over the stream of this Node process (simulator, client, batcher, harness) and of all Chromium's
   * processes, and that as a share of every core's time: how full the machine was.
   */
  nodeCpuMs: number;
  chromiumCpuMs: number;
  machineBusyPercent: number;
}

/** Chromium's processes' CPU time so far (ms), summed. */
async function chromiumCpu(session: CDPSession): Promise<number> {
  const { processInfo } = (await session.send('SystemInfo.getProcessInfo')) as { processInfo: Array<{ cpuTime: number }> };
  return processInfo.reduce((sum, entry) => sum + entry.cpuTime, 0) * 1000;
}

export async function streamIntoWebview(ui: WebviewHarness, run: StreamRun, turnId = 'bench'): Promise<WebviewStreamFigures> {
  await ui.waitForPosted('ready');
  await ui.waitForLoaded();
  await ui.deliver(status());
  await ui.deliver(turnStart(turnId, 'stream'));
  const browser = await ui.page.context().browser()!.newBrowserCDPSession();
  const chromiumBefore = await chromiumCpu(browser);
  const nodeBefore = process.cpuUsage();
  await ui.startFrameMeter();
  // Like VS Code's webview.postMessage, a post is queued and not awaited: the host does not wait for
  // the webview to take one message before sending the next (one CDP session keeps them in order).
  const deliveries: Promise<void>[] = [];
  let posts = 0;
  const post = (message: HostMessage) => {
    posts++;
    deliveries.push(ui.post(message));
  };
  const batcher = new DeltaBatcher((event) => post({ type: 'turn', turnId, event }));
  const t0 = performance.now();
  const read = await readWithClient(run.sim, (t) => batcher.addContent(t), (t) => batcher.addReasoning(t));
  batcher.flush();
  if (read.content !== run.reply.content || read.reasoning !== run.reply.reasoning) throw new Error('the client did not read the whole stream');
  const readMs = performance.now() - t0;
  await Promise.all(deliveries);
  const meter = await ui.frameMeterUntil(`[data-turn-id="${turnId}"] .stream-tail`, END_MARKER);
  const ms = performance.now() - t0;
  const nodeUsed = process.cpuUsage(nodeBefore);
  const nodeCpuMs = (nodeUsed.user + nodeUsed.system) / 1000;
  const chromiumCpuMs = (await chromiumCpu(browser)) - chromiumBefore;
  await browser.detach();
  const longestDrawMs = await ui.page.evaluate(() => Math.max(0, ...performance.getEntriesByName('step-flash:stream-frame').map((e) => e.duration)));
  if (ui.pageErrors.length) throw new Error(`the webview reported errors: ${ui.pageErrors.join('; ')}`);
  return {
    ms: Math.round(ms),
    tokensPerSecond: Math.round(STREAM_TOKENS / (ms / 1000)),
    posts,
    readMs: Math.round(readMs),
    longestTaskMs: Math.round(meter.longestTask),
    longTasks: meter.longTasks,
    longestFrameGapMs: Math.round(meter.longest),
    frames: meter.frames,
    longestDrawMs: Math.round(longestDrawMs),
    nodeCpuMs: Math.round(nodeCpuMs),
    chromiumCpuMs: Math.round(chromiumCpuMs),
    machineBusyPercent: Math.round(((nodeCpuMs + chromiumCpuMs) / (ms * cpus().length)) * 100),
  };
}

export interface PairedStreamFigures extends WebviewStreamFigures {
  runs: number;
  /** The bare SDK loop's rate in the same runs (median). */
  sdkTokensPerSecond: number;
  /** Median over runs of painted rate ÷ that run's SDK rate. */
  ratio: number;
  ratios: number[];
}

/** `runs` pairs of (SDK loop, webview stream), each stream into a fresh webview; medians of each figure. */
export async function pairedStreams(open: () => Promise<WebviewHarness>, run: StreamRun, runs: number): Promise<PairedStreamFigures> {
  await readWithSdk(run.sim); // warms the sockets and the JIT before anything is timed
  const streams: WebviewStreamFigures[] = [];
  const sdkRates: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const got = await readWithSdk(run.sim);
    const sdkRate = STREAM_TOKENS / ((performance.now() - t0) / 1000);
    if (got.content !== run.reply.content) throw new Error('the SDK loop did not read the whole stream');
    const ui = await open();
    try {
      const figures = await streamIntoWebview(ui, run);
      streams.push(figures);
      sdkRates.push(sdkRate);
      ratios.push(figures.tokensPerSecond / sdkRate);
    } finally {
      await ui.close();
    }
  }
  const mid = (pick: (f: WebviewStreamFigures) => number) => median(streams.map(pick));
  return {
    runs,
    ms: mid((f) => f.ms),
    tokensPerSecond: mid((f) => f.tokensPerSecond),
    posts: mid((f) => f.posts),
    readMs: mid((f) => f.readMs),
    longestTaskMs: mid((f) => f.longestTaskMs),
    longTasks: mid((f) => f.longTasks),
    longestFrameGapMs: mid((f) => f.longestFrameGapMs),
    frames: mid((f) => f.frames),
    longestDrawMs: mid((f) => f.longestDrawMs),
    nodeCpuMs: mid((f) => f.nodeCpuMs),
    chromiumCpuMs: mid((f) => f.chromiumCpuMs),
    machineBusyPercent: mid((f) => f.machineBusyPercent),
    sdkTokensPerSecond: Math.round(median(sdkRates)),
    ratio: round(median(ratios), 2),
    ratios: ratios.map((r) => round(r, 2)),
  };
}
