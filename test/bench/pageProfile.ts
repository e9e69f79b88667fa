/**
 * What the webview's main thread spent its time on, for the benchmarks and for
 * `profile.js`: the renderer's cumulative task time (CDP Performance metrics), a V8
 * CPU profile summarised by function and source module, and a Chromium performance
 * trace summarised by event (script, style, layout, paint, GC).
 */
import { readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import type { WebviewHarness } from '../ui/harness';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/**
 * What the page's main thread has spent so far: `taskMs` is the wall time of its tasks (what a user waits
 * through), `cpuMs` the CPU time it actually ran. On a quiet machine they agree; on a loaded one taskMs also
 * counts the time other processes held the core, so cpuMs is the steadier figure. Subtract two readings.
 */
export interface Busy {
  taskMs: number;
  cpuMs: number;
}

export async function busyMeter(ui: WebviewHarness): Promise<{ read(): Promise<Busy>; close(): Promise<void> }> {
  const cdp = await ui.webviewSession();
  await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
  return {
    async read() {
      const { metrics } = await cdp.send('Performance.getMetrics');
      const value = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
      return { taskMs: value('TaskDuration'), cpuMs: value('ThreadTime') };
    },
    close: () => cdp.detach(),
  };
}

export interface Cost {
  what: string;
  ms: number;
  share: number;
}

function top(costs: Map<string, number>, total: number, count: number): Cost[] {
  return [...costs]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([what, ms]) => ({ what, ms: Math.round(ms), share: Math.round((ms / total) * 1000) / 10 }));
}

/**
 * Which source module each line of a webview bundle file (dist/webview.js or one of the chunks under dist/chunks it
 * loads) came from. A development build (npm run build) is not minified and marks every module with a `// path`
 * comment; a production build maps to the file's own name.
 */
function bundleModules(): (url: string, line: number) => string {
  const files = new Map<string, Array<[number, string]>>();
  const startsOf = (file: string): Array<[number, string]> => {
    let starts = files.get(file);
    if (starts) return starts;
    starts = [];
    try {
      const lines = readFileSync(path.join(ROOT, 'dist', file), 'utf8').split('\n');
      lines.forEach((text, i) => {
        const marker = /^\s*\/\/ ((?:node_modules\/)?[\w@.\-/]+\.(?:ts|js|mjs|cjs))$/.exec(text);
        if (marker) starts!.push([i, marker[1].replace(/^node_modules\//, '')]);
      });
    } catch {
      starts = [];
    }
    files.set(file, starts);
    return starts;
  };
  return (url, line) => {
    const file = /\/dist\/([^?#]+\.js)(?:[?#]|$)/.exec(url)?.[1];
    if (!file) return path.basename(url);
    let found = path.basename(file);
    for (const [start, name] of startsOf(file)) {
      if (start > line) break;
      found = name;
    }
    return found;
  };
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

export interface CpuSummary {
  functions: Cost[];
  modules: Cost[];
  totalMs: number;
}

/** Starts the V8 sampling profiler in the webview's process; `stop` summarises self time by function and by source module. */
export async function startCpuProfile(ui: WebviewHarness, count = 12): Promise<{ stop(): Promise<CpuSummary> }> {
  const cdp = await ui.webviewSession();
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  return {
    async stop() {
      const { profile } = await cdp.send('Profiler.stop');
      await cdp.detach();
      const moduleOf = bundleModules();
      const nodes = new Map<number, ProfileNode>(profile.nodes.map((n) => [n.id, n as ProfileNode]));
      const byFunction = new Map<string, number>();
      const byModule = new Map<string, number>();
      let total = 0;
      const samples = profile.samples ?? [];
      const deltas = profile.timeDeltas ?? [];
      for (let i = 0; i < samples.length; i++) {
        const node = nodes.get(samples[i]);
        const ms = (deltas[i + 1] ?? 0) / 1000;
        if (!node || node.callFrame.functionName === '(idle)') continue;
        const { functionName, url, lineNumber } = node.callFrame;
        const module = url ? moduleOf(url, lineNumber) : functionName;
        const name = `${functionName || '(anonymous)'}${url ? ` ${module}` : ''}`;
        byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
        byModule.set(module, (byModule.get(module) ?? 0) + ms);
        total += ms;
      }
      return { functions: top(byFunction, total, count), modules: top(byModule, total, count), totalMs: Math.round(total) };
    },
  };
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of a complete event, where the trace has it. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string } };
}

/**
 * The renderer processes that ran the webview's own scripts (served from `origin`/dist/). Only that site's process
 * loads them, and a trace of a load has no frame records to go by.
 */
function processesOf(events: TraceEvent[], origin: string): Set<number> {
  const scripts = `${origin}/dist/`;
  return new Set(events.filter((e) => e.args?.data?.url?.startsWith(scripts)).map((e) => e.pid));
}

/**
 * Self time of each trace event on the main thread of the renderer that runs `origin` (the webview's, not the
 * workbench's), so nested events are not counted twice.
 */
export interface TraceSummary {
  events: Cost[];
  busyMs: number;
  /**
   * The main thread's tasks over 50 ms, longest first: wall time and the thread's CPU time in it. On a loaded
   * machine the difference is time the core ran another process.
   */
  longTasks: Array<{ wallMs: number; cpuMs: number }>;
}

export function summariseTrace(trace: Buffer, origin: string, count = 12): TraceSummary {
  const parsed = JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const processes = processesOf(events, origin);
  if (!processes.size) throw new Error(`the trace has no renderer for ${origin}`);
  const main = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && processes.has(e.pid)).map((e) => `${e.pid}:${e.tid}`));
  const spans = events
    .filter((e) => e.ph === 'X' && e.dur !== undefined && main.has(`${e.pid}:${e.tid}`))
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const self = new Map<string, number>();
  const stack: Array<{ end: number; name: string; key: string }> = [];
  let busy = 0;
  const longTasks: TraceSummary['longTasks'] = [];
  for (const e of spans) {
    const key = `${e.pid}:${e.tid}`;
    while (stack.length && (stack.at(-1)!.end <= e.ts || stack.at(-1)!.key !== key)) stack.pop();
    const parent = stack.at(-1);
    if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - e.dur! / 1000);
    else {
      busy += e.dur! / 1000;
      if (e.dur! > 50_000) longTasks.push({ wallMs: Math.round(e.dur! / 1000), cpuMs: Math.round((e.tdur ?? 0) / 1000) });
    }
    self.set(e.name, (self.get(e.name) ?? 0) + e.dur! / 1000);
    stack.push({ end: e.ts + e.dur!, name: e.name, key });
  }
  return { events: top(self, busy, count), busyMs: Math.round(busy), longTasks: longTasks.sort((a, b) => b.wallMs - a.wallMs) };
}

/** Runs `work` under a Chromium performance trace of the webview (kept in $STEP_FLASH_TRACE_OUT when set, for DevTools). */
export async function traced<T>(ui: WebviewHarness, work: () => Promise<T>): Promise<{ result: T } & TraceSummary> {
  const browser = ui.page.context().browser()!;
  await browser.startTracing(undefined, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink'] });
  const result = await work();
  const trace = keepTrace(await browser.stopTracing());
  return { result, ...summariseTrace(trace, ui.origin) };
}

/** Writes `trace` to $STEP_FLASH_TRACE_OUT when set (open it in DevTools' performance panel); returns it. */
export function keepTrace(trace: Buffer): Buffer {
  if (process.env.STEP_FLASH_TRACE_OUT) writeFileSync(process.env.STEP_FLASH_TRACE_OUT, trace);
  return trace;
}
