// `npm run bench`: installs the host tools the tests use, builds production bundles,
// then measures what users feel — streaming (against the bare openai SDK loop), the
// webview, the edit engine, the real VS Code host, start-up and size — and prints one
// table. `--json` adds one JSON object with every figure as the last line.
import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'fs';
import { cpus, totalmem } from 'os';
import { join } from 'path';
import { ensureHostTools, ROOT } from './host-tools.mjs';

const json = process.argv.includes('--json');
const started = Date.now();
const tools = ensureHostTools({ codeServer: true });
const env = {
  ...process.env,
  STEP_FLASH_NODE24: tools.node24,
  STEP_FLASH_CHROMIUM: tools.chromium,
  STEP_FLASH_PLAYWRIGHT: tools.playwright,
  STEP_FLASH_CODE_SERVER: tools.codeServer,
};

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

run('package (production build + .vsix)', 'npm', ['run', 'package', '--silent']);
const size = { extensionKB: kb('dist/extension.js'), webviewKB: kb('dist/webview.js'), vsixKB: kb('dist/step-flash.vsix') };
run('compile', 'npx', ['tsc', '-p', 'tsconfig.test.json']);

const stream = lastJson(run('stream: SDK loop vs our client', tools.node24, ['out/test/bench/stream.js', '--json']), 'stream');
const webview = lastJson(run('webview: stream painted, 1,000-message chat', tools.node24, ['out/test/bench/webview.js', '--json']), 'webview');
const edits = lastJson(run('edit engine corpus', tools.node24, ['out/test/bench/edits.js', '--json']), 'edits');

const hostOut = join(ROOT, '.test-runs', `bench-host-${Date.now()}.json`);
mkdirSync(join(ROOT, '.test-runs'), { recursive: true });
run('real VS Code host (code-server)', tools.node24, ['out/test/integration/launch-code-server.js'], {
  STEP_FLASH_TESTS_ENTRY: join(ROOT, 'out', 'test', 'bench', 'host', 'index'),
  STEP_FLASH_BENCH_OUT: hostOut,
  STEP_FLASH_TEST_TIMEOUT_MS: String(8 * 60_000),
});
if (!existsSync(hostOut)) throw new Error(`the host benchmarks wrote no figures to ${hostOut}`);
const host = JSON.parse(readFileSync(hostOut, 'utf8'));

const nodeVersion = spawnSync(tools.node24, ['--version'], { encoding: 'utf8' }).stdout.trim();
const machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGB: Math.round(totalmem() / 2 ** 30 * 10) / 10, node: nodeVersion };
const ws = webview.stream;
const lc = webview.longChat;
const large = edits.timing.largeFile;
const rows = [
  ['Streaming 200k tokens', 'baseline: openai SDK loop', `${stream.sdkTokensPerSecond} tok/s`, '1.00×'],
  ['', 'our client (streamChat + handlers)', `${stream.clientTokensPerSecond} tok/s`, `${stream.clientRatio}×`],
  ['', 'client → batcher → webview, painted', `${ws.tokensPerSecond} tok/s`, `${Math.round((ws.tokensPerSecond / stream.sdkTokensPerSecond) * 100) / 100}×`],
  ['', 'webview longest task / frame gap', `${ws.longestTaskMs} ms / ${ws.longestFrameGapMs} ms`, `${ws.posts} posts`],
  ['Long chat (1,000 msgs)', 'open', `${lc.openMs} ms`, ''],
  ['', 'keypress→paint p50 / p95', `${lc.keyP50Ms} / ${lc.keyP95Ms} ms`, `empty chat ${lc.keyEmptyP50Ms} / ${lc.keyEmptyP95Ms} ms`],
  ['', 'JS heap before → after', `${lc.heapBeforeMB} → ${lc.heapAfterMB} MB`, ''],
  ['Edit engine corpus', 'right / refused right / wrong / failed', `${edits.counts.appliedCorrectly} / ${edits.counts.refusedCorrectly} / ${edits.counts.appliedWrongly} / ${edits.counts.failedToApply}`, ''],
  ['', 'per case p50 / p95', `${edits.timing.caseP50Ms} / ${edits.timing.caseP95Ms} ms`, ''],
  ['', '1 MB file, one block (exact / fuzzy)', `${large.exactMs.ms} / ${large.fuzzyMs.ms} ms`, ''],
  ['Apply in host', `${host.apply?.files ?? '?'}-file WorkspaceEdit (propose)`, `${host.apply?.applyMs} ms`, `(${host.apply?.proposeMs} ms)`],
  ['Start-up', 'activate() in a fresh host', `${host.startup?.activateMs} ms`, ''],
  ['Size', 'extension.js / webview.js / .vsix', `${size.extensionKB} / ${size.webviewKB} / ${size.vsixKB} KB`, ''],
  ['Context (5,000 files)', '@file completion first / p50 / p95', `${host.context?.completeFirstMs} / ${host.context?.completeP50Ms} / ${host.context?.completeP95Ms} ms`, ''],
  ['', 'explain → request at the server (first / p50)', `${host.context?.explainToRequestFirstMs} / ${host.context?.explainToRequestP50Ms} ms`, ''],
];
const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c].length)));
console.log(`\n=== benchmarks (${machine.cpu}, ${machine.cores} cores, ${machine.memoryGB} GB, Node ${machine.node}) in ${((Date.now() - started) / 1000).toFixed(0)} s`);
for (const r of rows) console.log(r.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd());
if (json) console.log(JSON.stringify({ machine, stream, webview, edits: { counts: edits.counts, timing: edits.timing }, host, size }));
