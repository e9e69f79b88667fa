/**
 * Runs the integration suite inside a real VS Code extension host: code-server
 * serves the workbench, headless Chromium opens it with the smoke-test driver,
 * and the workbench reports the suite's exit code through codeAutomationExit.
 * Start through `npm run test:integration`, which installs the tools and sets
 * the STEP_FLASH_* paths below. The run has a time limit and kills every
 * process it started (code-server's whole process group, and Chromium).
 */
import { spawn, ChildProcess } from 'child_process';
import { createWriteStream, existsSync, readFileSync, writeFileSync } from 'fs';
import type { Server } from 'http';
import * as net from 'net';
import * as path from 'path';
import type * as Playwright from 'playwright-core';
import { format } from 'util';
import { ROOT, RunFolders, hostEnvironment, prepareRun } from './harness';
import { TEST_LINE_MARKER } from './index';
import { TOOLS_EXTENSION_ID, writeToolsExtension } from './toolsExtension/manifest';
import { startWorkbenchProbe } from './workbenchProbe';

const TIME_LIMIT_MS = Number(process.env.STEP_FLASH_TEST_TIMEOUT_MS ?? 15 * 60_000);

function requireTool(name: string): string {
  const value = process.env[name];
  if (!value || !existsSync(value)) {
    throw new Error(`${name} is not set or missing (${value ?? 'unset'}): run "npm run test:integration", which installs it.`);
  }
  return value;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(port: number, child: ChildProcess, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited early with code ${child.exitCode}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('code-server did not answer /healthz in time');
}

export function startCodeServer(folders: RunFolders, port: number, extraArgs: string[] = []): ChildProcess {
  const node24 = requireTool('STEP_FLASH_NODE24');
  const entry = requireTool('STEP_FLASH_CODE_SERVER');
  const out = createWriteStream(path.join(folders.dir, 'code-server.log'));
  const child = spawn(
    node24,
    [
      entry,
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--user-data-dir', folders.userData,
      '--extensions-dir', folders.extensions,
      '--vscode-option', 'enable-smoke-test-driver',
      ...extraArgs,
      folders.workspace,
    ],
    {
      detached: true,
      env: { ...process.env, HOME: folders.home, PATH: `${path.dirname(node24)}:${process.env.PATH}` },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  return child;
}

export function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

export function launchChromium(): Promise<Playwright.Browser> {
  const playwright = require(requireTool('STEP_FLASH_PLAYWRIGHT')) as typeof Playwright;
  return playwright.chromium.launch({
    executablePath: requireTool('STEP_FLASH_CHROMIUM'),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

async function main(): Promise<number> {
  const folders = prepareRun('integration');
  // The suite's second extension (test tools), installed as a user extension: the web workbench takes one
  // development path only. The benchmarks measure Step Flash alone.
  if (!process.env.STEP_FLASH_TESTS_ENTRY) writeToolsExtension(path.join(folders.extensions, `${TOOLS_EXTENSION_ID}-0.0.1`));
  const port = await freePort();
  const log = createWriteStream(folders.log);
  const started = Date.now();
  const server = startCodeServer(folders, port);
  let browser: Playwright.Browser | undefined;
  let probeServer: Server | undefined;
  const cleanup = () => {
    killGroup(server);
    probeServer?.close();
    void browser?.close().catch(() => undefined);
  };
  process.once('SIGINT', () => {
    cleanup();
    process.exit(130);
  });
  try {
    await waitForHealth(port, server, Date.now() + 60_000);
    browser = await launchChromium();
    const page = await browser.newPage();
    let settle!: (code: number) => void;
    const exited = new Promise<number>((resolve) => (settle = resolve));
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const line = format(...(Array.isArray(args) ? args : [args]));
      log.write(`[${type}] ${line}\n`);
      const marker = line.indexOf(TEST_LINE_MARKER);
      if (marker >= 0) process.stdout.write(`${line.slice(marker + TEST_LINE_MARKER.length)}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => settle(code));
    page.on('console', (message) => log.write(`[page:${message.type()}] ${message.text()}\n`));
    const extensionPath = `vscode-remote://remote${ROOT}`;
    // The benchmarks run their own suite in the host (STEP_FLASH_TESTS_ENTRY) and collect figures in STEP_FLASH_BENCH_OUT.
    const testsEntry = process.env.STEP_FLASH_TESTS_ENTRY ?? path.join(ROOT, 'out', 'test', 'integration', 'index');
    const testsPath = `vscode-remote://remote${testsEntry}`;
    // STEP_FLASH_BENCH_PROFILE (a folder) makes the host benchmarks write V8 CPU profiles there (test/bench/host/profile.ts);
    // STEP_FLASH_BENCH_COLD runs the cold-start benchmark alone; STEP_FLASH_SCREENSHOTS_OUT is where scripts/screenshots.mjs wants the README's pictures.
    const benchOut = Object.fromEntries(
      ['STEP_FLASH_BENCH_OUT', 'STEP_FLASH_BENCH_PROFILE', 'STEP_FLASH_BENCH_COLD', 'STEP_FLASH_SCREENSHOTS_OUT'].flatMap((name) => (process.env[name] ? [[name, process.env[name]]] : [])),
    );
    const probe = await startWorkbenchProbe(page);
    probeServer = probe.server;
    const payload = [
      ['extensionDevelopmentPath', extensionPath],
      ['extensionTestsPath', testsPath],
      ['extensionEnvironment', JSON.stringify({ ...hostEnvironment(folders), ...benchOut, STEP_FLASH_WORKBENCH_PROBE: probe.url })],
    ];
    const url =
      `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folders.workspace)}` +
      `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(url);
    const timeout = new Promise<number>((resolve) =>
      setTimeout(() => {
        console.error(`Integration run exceeded ${TIME_LIMIT_MS / 1000}s; stopping. Workbench log: ${folders.log}`);
        resolve(124);
      }, TIME_LIMIT_MS).unref(),
    );
    const code = await Promise.race([exited, timeout]);
    if (code !== 0) {
      await page.screenshot({ path: path.join(folders.dir, 'failure.png') }).catch(() => undefined);
      console.error(`Integration run failed (exit ${code}). Logs and a screenshot are in ${folders.dir}`);
    }
    console.log(`integration run took ${((Date.now() - started) / 1000).toFixed(1)}s`);
    if (code === 0 && !existsSync(folders.results)) {
      console.error('The host reported success but wrote no results: no test ran.');
      return 1;
    }
    if (existsSync(folders.results) && process.env.STEP_FLASH_RESULTS_COPY) {
      writeFileSync(process.env.STEP_FLASH_RESULTS_COPY, readFileSync(folders.results));
    }
    return code;
  } finally {
    cleanup();
    await browser?.close().catch(() => undefined);
    log.end();
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
