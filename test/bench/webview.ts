/**
 * The webview benchmarks in headless Chromium (the real dist/webview.js): the
 * 200,000-token stream from the simulator through client, batcher and protocol,
 * and the 1,000-message chat. Needs STEP_FLASH_CHROMIUM and STEP_FLASH_PLAYWRIGHT
 * (scripts/bench.mjs sets them).
 *   node out/test/bench/webview.js [--json]
 */
import { runAfterHooks } from './mochaShim';
import { openWebview } from '../ui/harness';
import { longChat } from './longChat';
import { startStreamSim } from './streamSource';
import { streamIntoWebview } from './webviewStream';

async function main(): Promise<void> {
  try {
    const run = await startStreamSim();
    let stream;
    const ui = await openWebview();
    try {
      stream = await streamIntoWebview(ui, run);
    } finally {
      await ui.close();
      await run.close();
    }
    console.log(`webview stream: ${stream.tokensPerSecond} tok/s until painted, longest task ${stream.longestTaskMs} ms, longest frame gap ${stream.longestFrameGapMs} ms`);
    const chat = await longChat(() => openWebview());
    console.log(`1,000 messages: open ${chat.openMs} ms, keypress p50 ${chat.keyP50Ms} ms / p95 ${chat.keyP95Ms} ms, heap ${chat.heapBeforeMB} → ${chat.heapAfterMB} MB`);
    if (process.argv.includes('--json')) console.log(JSON.stringify({ stream, longChat: chat }));
  } finally {
    await runAfterHooks();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
