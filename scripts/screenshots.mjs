// `npm run screenshots`: the README's pictures, taken from the real host. Builds the extension, starts
// code-server with it and the simulator's demo model, drives each scene (test/screenshots/readme.shots.ts)
// in the light and the dark theme, and writes docs/screenshots/*.png.
import { spawnSync } from 'child_process';
import { join } from 'path';
import { ensureHostTools, hostToolsEnv, ROOT } from './host-tools.mjs';

const tools = ensureHostTools({ codeServer: true });
const env = { ...process.env, ...hostToolsEnv(tools) };

function run(label, command, args, extraEnv = {}) {
  console.log(`\n=== ${label}`);
  const result = spawnSync(command, args, { cwd: ROOT, env: { ...env, ...extraEnv }, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`${label} failed (exit ${result.status}).`);
    process.exit(result.status ?? 1);
  }
}

run('build', 'npm', ['run', 'build', '--silent']);
run('compile', 'npx', ['tsc', '-p', 'tsconfig.test.json']);
run('scenes in the real host (code-server)', tools.node24, ['out/test/integration/launch-code-server.js'], {
  STEP_FLASH_TESTS_ENTRY: join(ROOT, 'out', 'test', 'screenshots', 'index'),
  STEP_FLASH_SCREENSHOTS_OUT: join(ROOT, 'docs', 'screenshots'),
});
console.log(`\nScreenshots are in ${join(ROOT, 'docs', 'screenshots')}.`);
