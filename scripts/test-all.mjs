// `npm test`: builds, lints, then runs the three layers — unit (Node), ui
// (the real webview bundle in headless Chromium) and integration (a real VS Code
// extension host via code-server) — and prints one summary line per layer plus
// a total. `npm test -- unit ui` (or test:unit/test:ui/test:integration) runs a subset;
// STEP_FLASH_TEST_GREP=pattern runs only the tests whose titles match, in every layer.
import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'fs';
import { join } from 'path';
import { ensureHostTools, hostToolsEnv, ROOT, CACHE } from './host-tools.mjs';
import { scanForSecrets } from './scan-secrets.mjs';

const ALL = ['unit', 'ui', 'integration'];
const requested = process.argv.slice(2).filter((a) => ALL.includes(a));
const layers = requested.length ? requested : ALL;
const started = Date.now();

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function step(name, command, args) {
  console.log(`\n=== ${name}`);
  if (run(command, args) !== 0) {
    console.error(`${name} failed`);
    process.exit(1);
  }
}

const tools = ensureHostTools({ codeServer: layers.includes('integration') });
const toolEnv = hostToolsEnv(tools);

step('build', 'node', ['scripts/build.mjs']);
// A test deleted from the sources must not live on as a stale compiled file.
rmSync(join(ROOT, 'out'), { recursive: true, force: true });
step('compile tests', 'npx', ['tsc', '-p', 'tsconfig.test.json']);
step('typecheck webview', 'npx', ['tsc', '-p', 'webview']);
// The same command as `npm run lint` (eslint, then knip), so the two cannot drift apart.
if (!requested.length) step('lint', 'npm', ['run', 'lint', '--silent']);

const resultsDir = join(ROOT, '.test-runs', 'results');
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });
const mocha = join(ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js');
const reporter = join(ROOT, 'out', 'test', 'support', 'countReporter.js');

const summary = [];
for (const layer of layers) {
  console.log(`\n=== ${layer} tests`);
  const resultsFile = join(resultsDir, `${layer}.json`);
  const layerStart = Date.now();
  let code;
  if (layer === 'integration') {
    code = run(tools.node24, [join(ROOT, 'out', 'test', 'integration', 'launch-code-server.js')], {
      ...toolEnv,
      STEP_FLASH_RESULTS_COPY: resultsFile,
    });
  } else {
    code = run(
      tools.node24,
      [
        mocha,
        '--reporter', reporter,
        '--timeout', layer === 'ui' ? '30000' : '10000',
        // The same filter the integration launcher forwards into the extension host.
        ...(process.env.STEP_FLASH_TEST_GREP ? ['--grep', process.env.STEP_FLASH_TEST_GREP] : []),
        `out/test/${layer}/**/*.test.js`,
      ],
      { ...toolEnv, TEST_RESULTS_FILE: resultsFile, NODE_PATH: join(CACHE, 'node_modules') },
    );
  }
  const counts = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : { passed: 0, failed: 0 };
  if (code !== 0 && counts.failed === 0) counts.failed = 1; // a crash or time-out counts as a failure
  summary.push({ layer, ...counts, seconds: (Date.now() - layerStart) / 1000 });
  if (layer === 'integration') summary.push(secretScan());
}

/** The keys the suite used must appear in no file the integration run wrote. */
function secretScan() {
  const started = Date.now();
  const runs = readdirSync(join(ROOT, '.test-runs')).filter((d) => d.startsWith('integration-')).sort();
  const latest = runs.at(-1);
  console.log('\n=== secret scan');
  if (!latest) {
    console.error('no integration run folder to scan');
    return { layer: 'secret scan', passed: 0, failed: 1, seconds: 0 };
  }
  const { scanned, hits } = scanForSecrets(join(ROOT, '.test-runs', latest));
  for (const hit of hits) console.error(`  API key ${hit.keys.join(', ')} found in ${hit.file}`);
  console.log(`  ${scanned} files written by the run searched for the test API keys: ${hits.length ? `${hits.length} leak(s)` : 'none found'}`);
  return { layer: 'secret scan', passed: hits.length ? 0 : 1, failed: hits.length ? 1 : 0, seconds: (Date.now() - started) / 1000 };
}

console.log('\n=== summary');
let passed = 0;
let failed = 0;
for (const s of summary) {
  passed += s.passed;
  failed += s.failed;
  console.log(`${s.layer.padEnd(12)} ${String(s.passed).padStart(4)} passed ${String(s.failed).padStart(3)} failed  ${s.seconds.toFixed(1)}s`);
}
console.log(`total time ${((Date.now() - started) / 1000).toFixed(1)}s`);
const ranNothing = passed === 0;
if (ranNothing) console.error('No test ran.');
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || ranNothing ? 1 : 0);
