// `npm run compile-tests`: compiles src/ and the whole test tree into out/. The UI and host tests import
// playwright-core's types, which live in .cache/host-tools (tsconfig.test.json maps them there) rather than in
// node_modules, so it is installed first when missing: the command then works on a fresh clone too.
import { spawnSync } from 'child_process';
import { ensurePlaywright, ROOT } from './host-tools.mjs';

ensurePlaywright();
const result = spawnSync('npx', ['tsc', '-p', 'tsconfig.test.json'], { cwd: ROOT, stdio: 'inherit' });
process.exit(result.status ?? 1);
