/**
 * Where the webview's time goes in each benchmark scenario: a V8 CPU profile (self
 * time by function and by source module) and, with --trace, a Chromium performance
 * trace (self time by event: script, style, layout, paint, GC). Build with
 * `npm run build` (not minified) so functions and modules have their names.
 *   node out/test/bench/profile.js stream|real400|real4000|empty400|fence|fence-whole|lines|lines-whole|typing|first-paint [--trace] [--kb N]
 * (first-paint always traces, and has no CPU profile).
 */
import { runAfterHooks } from './mochaShim';
import type * as Playwright from 'playwright-core';
import { openWebview, type WebviewHarness } from '../ui/harness';
import { status } from '../ui/samples';
import { hugeAnswer, renderHuge } from './hugeAnswer';
import { keypressLatencies } from './longChat';
import { keepTrace, startCpuProfile, summariseTrace, traced, type Cost, type CpuSummary } from './pageProfile';
import { openLongChat, streamAtSpeed } from './realSpeed';
import { numberArg } from './stats';
import { startStreamSim } from './streamSource';
import { streamIntoWebview } from './webviewStream';

const scenario = process.argv[2] ?? '';
const withTrace = process.argv.includes('--trace');

function print(title: string, costs: Cost[]): void {
  console.log(`\n${title}`);
  for (const c of costs) console.log(`  ${String(c.ms).padStart(7)} ms  ${c.share.toFixed(1).padStart(5)}%  ${c.what}`);
}

function printCpu(cpu: CpuSummary): void {
  print(`JS self time by function (${cpu.totalMs} ms sampled)`, cpu.functions);
  print('JS self time by module', cpu.modules);
}

async function measure<T>(ui: WebviewHarness, work: () => Promise<T>): Promise<T> {
  const profiler = await startCpuProfile(ui);
  const profiled = await (withTrace ? traced(ui, work) : work().then((result) => ({ result, events: [], busyMs: 0, longTasks: [] })));
  printCpu(await profiler.stop());
  if (withTrace) {
    print(`main thread by trace event (${profiled.busyMs} ms in tasks)`, profiled.events);
    console.log(`\ntasks over 50 ms, wall / CPU: ${profiled.longTasks.map((t) => `${t.wallMs} / ${t.cpuMs} ms`).join(', ') || 'none'}`);
  }
  return profiled.result;
}

async function run(): Promise<unknown> {
  if (scenario === 'first-paint') {
    // Always a trace: the webview's renderer process starts during the load, too late for a CPU profiler to attach.
    let browser: Playwright.Browser | undefined;
    const ui = await openWebview({
      beforeLoad: async (page) => {
        browser = page.context().browser()!;
        await browser.startTracing(undefined, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink', 'loading'] });
      },
    });
    await ui.waitForPosted('ready');
    const paint = await ui.page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime);
    const summary = summariseTrace(keepTrace(await browser!.stopTracing()), ui.origin);
    print(`page load by trace event (${summary.busyMs} ms in tasks)`, summary.events);
    await ui.close();
    return { firstContentfulPaintMs: paint };
  }
  const ui = await openWebview();
  try {
    await ui.waitForPosted('ready');
    await ui.waitForLoaded();
    switch (scenario) {
      case 'stream': {
        const sim = await startStreamSim();
        try {
          return await measure(ui, () => streamIntoWebview(ui, sim));
        } finally {
          await sim.close();
        }
      }
      case 'real400':
      case 'real4000':
        await openLongChat(ui);
        return await measure(ui, () => streamAtSpeed(ui, Number(scenario.slice(4))));
      case 'empty400':
        await ui.deliver(status());
        return await measure(ui, () => streamAtSpeed(ui, 400));
      case 'fence':
      case 'fence-whole':
      case 'lines':
      case 'lines-whole': {
        const text = hugeAnswer(scenario.startsWith('fence') ? 'fence' : 'lines', numberArg('--kb', 1024) * 1024);
        return await measure(ui, () => renderHuge(ui, text, scenario.endsWith('whole') ? 'whole' : 'streamed'));
      }
      case 'typing':
        await openLongChat(ui);
        return await measure(ui, () => keypressLatencies(ui, 100));
      default:
        throw new Error(`unknown scenario "${scenario}"; see the comment at the top of test/bench/profile.ts`);
    }
  } finally {
    await ui.close();
  }
}

run()
  .then(async (figures) => {
    console.log('\nfigures:', JSON.stringify(figures));
    await runAfterHooks();
  })
  .catch(async (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    await runAfterHooks();
    process.exit(1);
  });
