// `npm run bench`: installs the host tools the tests use, builds production bundles,
// then measures what users feel — streaming (against the bare openai SDK loop), the
// webview, the edit engine, cost per task against the simulator's prefix cache, the real VS Code host, start-up and size — and prints one
// table. `--json` adds one JSON object with every figure as the last line.
import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'fs';
import { cpus, totalmem } from 'os';
import { dirname, join } from 'path';
import { ensureHostTools, hostToolsEnv, ROOT } from './host-tools.mjs';
import { benchRows } from './bench-rows.mjs';

const json = process.argv.includes('--json');
const started = Date.now();
const tools = ensureHostTools({ codeServer: true });
const env = { ...process.env, ...hostToolsEnv(tools) };

function run(label, command, args, extraEnv = {}) {
  console.log(`\n=== ${label}`);
  const result = spawnSync(command, args, { cwd: ROOT, env: { ...env, ...extraEnv }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  process.stdout.write(result.stdout.split('\n').filter((l) => !l.startsWith('{')).join('\n'));
  process.stderr.write(result.stderr ?? '');
  if (result.status !== 0) throw new Error(`${label} failed (exit ${result.status}); see the output above.`);
  return result.stdout;
}

/** The last line of a --json run. */
function lastJson(stdout, label) {
  const line = stdout.trim().split('\n').at(-1);
  try {
    return JSON.parse(line);
  } catch {
    throw new Error(`${label} printed no JSON summary as its last line.`);
  }
}

const kb = (file) => Math.round(statSync(join(ROOT, file)).size / 102.4) / 10;

/**
 * The webview's script, in KB: what its first paint loads (dist/webview.js and the chunks it imports) and all it
 * loads at start (also the rest of the chat, dist/chunks/app-*.js, which webview.js imports right after the first
 * paint, and its imports). Grammars, which load on first use, are in neither.
 */
function webviewScriptKB() {
  const files = (start, withDynamic) => {
    const seen = new Set();
    const visit = (file, dynamic) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(join(ROOT, 'dist', file), 'utf8');
      const near = (spec) => join(dirname(file), spec);
      for (const [, spec] of text.matchAll(/(?:from|import)\s*"(\.\/[^"]+\.js)"/g)) visit(near(spec), false);
      if (dynamic) for (const [, spec] of text.matchAll(/import\("(\.\/chunks\/app-[^"]+\.js)"\)/g)) visit(near(spec), false);
    };
    visit(start, withDynamic);
    return [...seen];
  };
  const total = (list) => Math.round(list.reduce((sum, file) => sum + statSync(join(ROOT, 'dist', file)).size, 0) / 102.4) / 10;
  return { firstPaint: total(files('webview.js', false)), atStart: total(files('webview.js', true)) };
}

run('package (production build + .vsix)', 'npm', ['run', 'package', '--silent']);
const script = webviewScriptKB();
const size = { extensionKB: kb('dist/extension.js'), webviewKB: script.atStart, webviewFirstPaintKB: script.firstPaint, vsixKB: kb('dist/step-flash.vsix') };
run('compile', 'npx', ['tsc', '-p', 'tsconfig.test.json']);

const stream = lastJson(run('stream: SDK loop vs our client', tools.node24, ['out/test/bench/stream.js', '--json']), 'stream');
const webview = lastJson(run('webview: stream painted, 1,000-message chat', tools.node24, ['out/test/bench/webview.js', '--json']), 'webview');
const edits = lastJson(run('edit engine corpus', tools.node24, ['out/test/bench/edits.js', '--json']), 'edits');
const cost = lastJson(run('cost per task: simulator prefix cache', tools.node24, ['out/test/bench/cost.js', '--json']), 'cost');

const hostOut = join(ROOT, '.test-runs', `bench-host-${Date.now()}.json`);
mkdirSync(join(ROOT, '.test-runs'), { recursive: true });
run('real VS Code host (code-server)', tools.node24, ['out/test/integration/launch-code-server.js'], {
  STEP_FLASH_TESTS_ENTRY: join(ROOT, 'out', 'test', 'bench', 'host', 'index'),
  STEP_FLASH_BENCH_OUT: hostOut,
  STEP_FLASH_TEST_TIMEOUT_MS: String(8 * 60_000),
});
if (!existsSync(hostOut)) throw new Error(`the host benchmarks wrote no figures to ${hostOut}`);
const host = JSON.parse(readFileSync(hostOut, 'utf8'));
// A second host, where the first thing the user does is Explain (nothing activated the extension before).
const coldOut = hostOut.replace(/\.json$/, '-cold.json');
run('real VS Code host, cold start (code-server)', tools.node24, ['out/test/integration/launch-code-server.js'], {
  STEP_FLASH_TESTS_ENTRY: join(ROOT, 'out', 'test', 'bench', 'host', 'index'),
  STEP_FLASH_BENCH_OUT: coldOut,
  STEP_FLASH_BENCH_COLD: '1',
});
if (!existsSync(coldOut)) throw new Error(`the cold-start benchmark wrote no figures to ${coldOut}`);
Object.assign(host, JSON.parse(readFileSync(coldOut, 'utf8')));

const nodeVersion = spawnSync(tools.node24, ['--version'], { encoding: 'utf8' }).stdout.trim();
const machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGB: Math.round(totalmem() / 2 ** 30 * 10) / 10, node: nodeVersion };
const rows = benchRows({ stream, webview, edits, cost, host, size });
const cols = ['Area', 'Measure', 'Figure', 'Target', ''];
const cells = rows.map((r) => [r.area, r.measure, r.figure, r.target ?? '', r.pass === undefined ? '' : r.pass ? 'pass' : 'FAIL']);
const widths = cols.map((_, c) => Math.max(cols[c].length, ...cells.map((r) => r[c].length)));
console.log(`\n=== benchmarks (${machine.cpu}, ${machine.cores} cores, ${machine.memoryGB} GB, Node ${machine.node}) in ${((Date.now() - started) / 1000).toFixed(0)} s`);
for (const r of [cols, ...cells]) console.log(r.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd());
const failed = rows.filter((r) => r.pass === false);
console.log(failed.length ? `${failed.length} figure(s) miss their target: ${failed.map((r) => `${r.area} ${r.measure}`.trim()).join('; ')}` : 'every figure with a target meets it');
if (json) console.log(JSON.stringify({ machine, stream, webview, edits: { counts: edits.counts, timing: edits.timing }, cost, host, size, rows }));
