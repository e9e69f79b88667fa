/**
 * Host → protocol → webview: the client's deltas go through the host's
 * DeltaBatcher and arrive as `turn` messages (answer and reasoning events) in the real webview bundle in
 * headless Chromium, until the last token is painted.
 */
import { DeltaBatcher } from '../../src/core/chat/deltaBatcher';
import type { HostMessage } from '../../src/shared/protocol';
import type { WebviewHarness } from '../ui/harness';
import { status, turnStart } from '../ui/samples';
import { END_MARKER, readWithClient, STREAM_TOKENS, type StreamRun } from './streamSource';

export interface WebviewStreamFigures {
  ms: number;
  tokensPerSecond: number;
  posts: number;
  longestTaskMs: number;
  longTasks: number;
  longestFrameGapMs: number;
  frames: number;
}

export async function streamIntoWebview(ui: WebviewHarness, run: StreamRun): Promise<WebviewStreamFigures> {
  await ui.waitForPosted('ready');
  await ui.deliver(status());
  await ui.deliver(turnStart('bench', 'stream'));
  await ui.startFrameMeter();
  // Like VS Code's webview.postMessage, a post is queued and not awaited: the host does not wait for
  // the webview to take one message before sending the next (one CDP session keeps them in order).
  const deliveries: Promise<void>[] = [];
  let posts = 0;
  const post = (message: HostMessage) => {
    posts++;
    deliveries.push(ui.deliver(message));
  };
  const batcher = new DeltaBatcher((event) => post({ type: 'turn', turnId: 'bench', event }));
  const t0 = performance.now();
  await readWithClient(run.sim, (t) => batcher.addContent(t), (t) => batcher.addReasoning(t));
  batcher.flush();
  await Promise.all(deliveries);
  const meter = await ui.frameMeterUntil('[data-turn-id="bench"] .stream-tail', END_MARKER);
  const ms = performance.now() - t0;
  if (ui.pageErrors.length) throw new Error(`the webview reported errors: ${ui.pageErrors.join('; ')}`);
  return {
    ms: Math.round(ms),
    tokensPerSecond: Math.round(STREAM_TOKENS / (ms / 1000)),
    posts,
    longestTaskMs: Math.round(meter.longestTask),
    longTasks: meter.longTasks,
    longestFrameGapMs: Math.round(meter.longest),
    frames: meter.frames,
  };
}
