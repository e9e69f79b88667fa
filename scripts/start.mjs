// `npm start`: builds and packages the extension, installs the .vsix into a
// private code-server (a real VS Code), opens a sample workspace and prints the
// 127.0.0.1 URL. `npm start -- --sim` also starts the local Step API simulator
// and points the StepFun profiles at it (key: sk-global-test), to try the
// extension without a StepFun account: its demo model answers (test/sim/demo),
// so every command proposes real edits to the sample workspace; `--echo` makes
// it echo each message instead. `--port N` picks the port (default 8080).
import { spawn, spawnSync } from 'child_process';
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';
import { ensureHostTools, ROOT } from './host-tools.mjs';

const args = process.argv.slice(2);
const withSim = args.includes('--sim');
const echo = args.includes('--echo');
const portIndex = args.indexOf('--port');
const port = portIndex >= 0 ? Number(args[portIndex + 1]) : 8080;
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`--port needs a number between 1 and 65535, got ${args[portIndex + 1]}`);
  process.exit(2);
}

const tools = ensureHostTools({ codeServer: true });
const base = join(ROOT, '.cache', 'start');
const dirs = { home: join(base, 'home'), userData: join(base, 'user-data'), extensions: join(base, 'extensions') };
for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
const workspace = join(base, 'workspace');
if (!existsSync(workspace)) cpSync(join(ROOT, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
mkdirSync(join(dirs.userData, 'User'), { recursive: true });
const settingsFile = join(dirs.userData, 'User', 'settings.json');
if (!existsSync(settingsFile)) {
  writeFileSync(settingsFile, JSON.stringify({ 'chat.disableAIFeatures': true, 'extensions.autoUpdate': false, 'workbench.startupEditor': 'none', 'git.openRepositoryInParentFolders': 'never' }, null, 2));
}

function must(command, commandArgs, options = {}) {
  const result = spawnSync(command, commandArgs, { cwd: ROOT, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    console.error(`${command} ${commandArgs.join(' ')} failed`);
    process.exit(1);
  }
}

must('npm', ['run', 'package', '--silent']);
const env = { ...process.env, HOME: dirs.home, PATH: `${dirname(tools.node24)}:${process.env.PATH}` };
must(tools.node24, [tools.codeServer, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions,
  '--install-extension', join(ROOT, 'dist', 'step-flash.vsix'), '--force'], { env });

let sim;
if (withSim) {
  must('npx', ['tsc', '-p', 'tsconfig.tools.json']);
  const { startSimulator } = await import(join(ROOT, 'out', 'test', 'sim', 'server.js'));
  const { demoModel } = await import(join(ROOT, 'out', 'test', 'sim', 'demo', 'index.js'));
  // Paced like a fast real stream, so the streaming and the Thinking section can be watched.
  // Any model id other than the executor's is answered as the advisor (stepFlash.advisor.model).
  sim = await startSimulator({ tokensPerSecond: 120, advisor: true, ...(echo ? {} : { fallback: demoModel() }) });
  env.STEP_FLASH_BASE_URL_OVERRIDES = JSON.stringify({ 'stepfun-global': sim.url('global'), 'stepfun-china': sim.url('china') });
  console.log(`Simulator (${echo ? 'echo replies' : 'demo model'}): global ${sim.url('global')} (key sk-global-test), china ${sim.url('china')} (key sk-china-test)`);
}

const server = spawn(tools.node24, [tools.codeServer, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
  '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
  '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, workspace], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
server.stderr.pipe(process.stderr);
const stop = () => {
  try { process.kill(-server.pid, 'SIGTERM'); } catch { /* already gone */ }
  void sim?.close();
};
process.on('SIGINT', () => { stop(); process.exit(0); });
process.on('SIGTERM', () => { stop(); process.exit(0); });
server.on('exit', (code) => { void sim?.close(); process.exit(code ?? 0); });

for (let i = 0; i < 120; i++) {
  try {
    if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
  } catch { /* starting */ }
  await new Promise((r) => setTimeout(r, 500));
}
console.log(`\nStep Flash is running in VS Code at http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
console.log('Open it in a browser; the Step Flash icon is in the activity bar. Ctrl+C stops the server.');
