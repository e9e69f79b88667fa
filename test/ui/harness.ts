/**
 * Loads the real dist/webview.js into headless Chromium behind the same HTML and
 * CSP the extension serves, with a stand-in for acquireVsCodeApi that records
 * what the webview posts and lets a test deliver host messages.
 *
 * The frames are VS Code's: a workbench page of one site holds the webview's host
 * frame, of another site, and the webview runs in a sandboxed iframe inside that
 * host frame, of the host's origin. Host messages are posted by the workbench page
 * to the host frame, which forwards each to the content frame with its own origin
 * as the target (as VS Code's webview host does), so the webview's check on who sent
 * a message is tested as it runs. Being of another site, the workbench runs in a
 * renderer process of its own, as VS Code's does: what delivering a message costs the
 * workbench (here a CDP evaluate) is not charged to the webview's main thread, which
 * the benchmarks (test/bench/) measure.
 */
import { createServer, Server } from 'http';
import { readFileSync, existsSync, mkdirSync } from 'fs';
import { AddressInfo } from 'net';
import * as path from 'path';
import type * as Playwright from 'playwright-core';
import type { HostMessage, StatusView, WebviewMessage } from '../../src/shared/protocol';
import { status } from './samples';
import { entryImports, renderWebviewHtml } from '../../src/vscode/webviewHtml';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const DIST = path.join(ROOT, 'dist');
const FAILURES = path.join(ROOT, '.test-runs', 'ui-failures');

let browser: Playwright.Browser | undefined;
let server: Server | undefined;
/** The webview's origin (its host frame's and its resources'), and the workbench's, of another site. */
let origin = '';
let workbench = '';

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html', '.png': 'image/png' };

/** What test/ui/page/events.js installs in the page (call it from page.evaluate). */
export interface PageEvents {
  __uiTest: {
    paste(files: FilePayload[], selector: string): void;
    drop(files: FilePayload[], uriList: string | undefined, selector: string): void;
    themeClass(name: string): void;
    deliverWithBytes(message: Record<string, unknown>): void;
    startFrameMeter(): void;
    burst(messages: unknown[]): void;
    watchMutations(selector: string): void;
    mutations(): number;
    frameMeterUntil(selector: string, text: string): Promise<FrameFigures>;
  };
}

export interface FrameFigures {
  /** From the start of the burst until the text was painted. */
  ms: number;
  /** Streaming frames rendered, and the longest one's work (ms). */
  renders: number;
  longestRender: number;
  /** How long posting the burst itself blocked the page. */
  postMs: number;
  frames: number;
  longest: number;
  longTasks: number;
  longestTask: number;
}

/** A file to paste or drop, with its real bytes. */
export interface FilePayload {
  name: string;
  type: string;
  base64: string;
}

/**
 * The workbench: the page of another site that posts host messages, one postMessage each, to the webview's host
 * frame, as VS Code's workbench does.
 */
const WORKBENCH = (hostFrameUrl: string) => `<!doctype html>
<html><head><meta charset="utf-8"><style>html, body { margin: 0; height: 100%; overflow: hidden } iframe { border: 0; width: 100%; height: 100%; display: block }</style></head>
<body><iframe id="host" src="${hostFrameUrl}"></iframe>
<script>
  window.__deliver = (messages) => {
    const host = document.getElementById('host').contentWindow;
    for (const message of messages) host.postMessage(message, '*');
  };
</script></body></html>`;

/** The host frame: it holds the webview and forwards the workbench's messages to it, as VS Code's webview host does. */
const HOST_FRAME = `<!doctype html>
<html><head><meta charset="utf-8"><style>html, body { margin: 0; height: 100%; overflow: hidden } iframe { border: 0; width: 100%; height: 100%; display: block }</style></head>
<body><iframe id="webview" sandbox="allow-same-origin allow-scripts allow-forms allow-pointer-lock allow-downloads" src="/webview"></iframe>
<script>
  const content = () => document.getElementById('webview').contentWindow;
  window.addEventListener('message', (event) => {
    if (event.source === window.parent) content().postMessage(event.data, window.origin);
  });
  // For test/ui/page/events.js, which posts from the webview's own process (bursts, files with bytes).
  window.__deliver = (messages) => {
    for (const message of messages) content().postMessage(message, window.origin);
  };
</script></body></html>`;

/** Inside the webview frame: the frame (locators, evaluate, url…); everything else (keyboard, screenshots, context): the page. */
function webviewPage(page: Playwright.Page, frame: Playwright.Frame): Playwright.Page {
  return new Proxy(page, {
    get(target, property) {
      const inFrame = typeof property === 'string' ? (frame as unknown as Record<string, unknown>)[property] : undefined;
      if (typeof inFrame === 'function') return inFrame.bind(frame);
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

async function startServer(): Promise<string> {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(WORKBENCH(`${origin}/host`));
      return;
    }
    if (url.pathname === '/host') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(HOST_FRAME);
      return;
    }
    if (url.pathname === '/webview') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(
        renderWebviewHtml({
          cspSource: origin,
          scriptUri: `${origin}/dist/webview.js`,
          modulePreloadUris: entryImports(readFileSync(path.join(DIST, 'webview.js'), 'utf8')).map((file) => `${origin}/dist/${file.replace(/^\.\//, '')}`),
          styleUris: [`${origin}/dist/webview.css`, `${origin}/media/chat.css`],
        }),
      );
      return;
    }
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const file = path.join(ROOT, path.normalize(url.pathname));
    if (!file.startsWith(ROOT) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  // "localhost" and "127.0.0.1" are different sites, so Chromium's site isolation gives the workbench its own process.
  workbench = `http://localhost:${port}`;
  return origin;
}

async function getBrowser(): Promise<Playwright.Browser> {
  if (browser) return browser;
  const executablePath = process.env.STEP_FLASH_CHROMIUM;
  const playwrightPath = process.env.STEP_FLASH_PLAYWRIGHT;
  if (!executablePath || !playwrightPath) throw new Error('Run UI tests through "npm run test:ui", which installs Chromium and playwright-core.');
  if (!existsSync(path.join(DIST, 'webview.js'))) throw new Error('dist/webview.js is missing: run "npm run build" first.');
  const playwright = require(playwrightPath) as typeof Playwright;
  browser = await playwright.chromium.launch({
    executablePath,
    headless: true,
    // Headless Chrome opens each new window with its omnibox popup, a WebUI page in a renderer of its own: in a
    // trace of one load of the chat it ran 849 ms of tasks against the webview's 620, on the same two cores.
    // VS Code's webviews (Electron) have no omnibox, so the harness turns it off (and its preloading).
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-features=PreloadTopChromeWebUI,WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup'],
  });
  await startServer();
  return browser;
}

export interface WebviewHarness {
  page: Playwright.Page;
  /** The frame that holds the webview's frame and forwards the workbench's messages to it. */
  hostFrame: Playwright.Frame;
  /** The origin the webview and its host frame are served from (their renderer process's site). */
  origin: string;
  /** A CDP session in the webview's renderer process (not the workbench's), for its metrics, profiles and heap. */
  webviewSession(): Promise<Playwright.CDPSession>;
  /** Everything the webview posted to the host so far. */
  posted(): Promise<WebviewMessage[]>;
  waitForPosted<T extends WebviewMessage['type']>(type: T, timeoutMs?: number): Promise<Extract<WebviewMessage, { type: T }>>;
  /** Posts `message` from the workbench and resolves once the webview has taken it (its message event has run). */
  deliver(message: HostMessage | Record<string, unknown>): Promise<void>;
  /** Like deliver, for several messages posted in order. */
  deliverAll(messages: Array<HostMessage | Record<string, unknown>>): Promise<void>;
  /**
   * Posts `message` from the workbench without waiting for the webview, as VS Code's webview.postMessage does; a
   * benchmark uses it so that waiting does not cost the webview's thread anything. Posts keep their order.
   */
  post(message: HostMessage | Record<string, unknown>): Promise<void>;
  /** Like deliver, but every `{ __bytes: base64 }` in the message becomes a Uint8Array (e.g. resolvedFiles). */
  deliverWithBytes(message: Record<string, unknown>): Promise<void>;
  /**
   * Waits until the whole chat has loaded (webview/main.ts marks it), not just its first-paint shell:
   * a benchmark of steady work (streaming, typing) starts there, since the load is measured on its own.
   */
  waitForLoaded(): Promise<void>;
  /** Starts counting frames and long tasks; `frameMeterUntil` reports them once `text` is painted in `selector`. */
  startFrameMeter(): Promise<void>;
  /** Starts the frame meter, then posts `messages` in one synchronous burst inside the page. */
  deliverBurst(messages: Array<HostMessage | Record<string, unknown>>): Promise<void>;
  frameMeterUntil(selector: string, text: string): Promise<FrameFigures>;
  /** Errors thrown in the page and CSP violations, which a test may assert are empty. */
  pageErrors: string[];
  /** Fires a real ClipboardEvent carrying `files` at `selector` (the composer input by default). */
  pasteFiles(files: FilePayload[], selector?: string): Promise<void>;
  /** Fires a real drop carrying `files` (from the OS) or `uriList` (from VS Code's Explorer) at `selector`. */
  drop(payload: { files?: FilePayload[]; uriList?: string }, selector?: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens the chat. `theme` loads stand-ins for the --vscode-* variables VS Code injects (test/ui/themes), through a
 * <link> from the page's own origin so the real CSP stays in force.
 */
export async function openWebview(
  options: { colorScheme?: 'light' | 'dark'; theme?: 'light' | 'dark' | 'none'; state?: unknown; beforeLoad?: (page: Playwright.Page) => Promise<void> } = {},
): Promise<WebviewHarness> {
  const b = await getBrowser();
  const context = await b.newContext({ viewport: { width: 420, height: 800 }, colorScheme: options.colorScheme ?? 'dark' });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await page.addInitScript((initialState) => {
    const w = globalThis as unknown as { __posted: unknown[]; __state: unknown; acquireVsCodeApi: () => unknown };
    w.__posted = [];
    w.__state = initialState ?? undefined;
    let acquired = false;
    w.acquireVsCodeApi = () => {
      if (acquired) throw new Error('acquireVsCodeApi called twice');
      acquired = true;
      return {
        postMessage: (message: unknown) => w.__posted.push(message),
        getState: () => w.__state,
        setState: (state: unknown) => (w.__state = JSON.parse(JSON.stringify(state))),
      };
    };
  }, options.state ?? null);
  await page.addInitScript({ path: path.join(ROOT, 'test', 'ui', 'page', 'events.js') });
  await options.beforeLoad?.(page);
  await page.goto(`${workbench}/`);
  const hostFrame = await (await page.waitForSelector('iframe#host')).contentFrame();
  const frame = await (await hostFrame?.waitForSelector('iframe#webview'))?.contentFrame();
  if (!hostFrame || !frame) throw new Error('the webview frame did not load');
  await frame.waitForLoadState('domcontentloaded');
  const view = webviewPage(page, frame);
  const theme = options.theme ?? options.colorScheme ?? 'dark';
  if (theme !== 'none') {
    await view.addStyleTag({ url: `${origin}/test/ui/themes/${theme}.css` });
    await view.evaluate((kind) => (globalThis as unknown as PageEvents).__uiTest.themeClass(`vscode-${kind}`), theme);
  }
  /** Posts from the workbench (the page's main frame, another process), never from inside the webview. */
  const fromWorkbench = (messages: unknown[]) => page.evaluate((list) => (globalThis as unknown as { __deliver(m: unknown[]): void }).__deliver(list), messages);
  // The webview counts the messages its host frame gave it (test/ui/page/events.js); `sent` is how many that should be.
  let sent = 0;
  const taken = (count: number) => {
    sent += count;
    return view.waitForFunction((target) => (globalThis as unknown as { __received: number }).__received >= target, sent, { polling: 10, timeout: 10_000 }).then(() => undefined);
  };
  const harness: WebviewHarness = {
    page: view,
    hostFrame,
    origin,
    webviewSession: () => page.context().newCDPSession(hostFrame),
    pageErrors,
    posted: () => view.evaluate(() => (globalThis as unknown as { __posted: WebviewMessage[] }).__posted.slice()),
    async waitForPosted(type, timeoutMs = 5000) {
      const handle = await view.waitForFunction(
        (t) => (globalThis as unknown as { __posted: Array<{ type: string }> }).__posted.find((m) => m.type === t),
        type,
        { timeout: timeoutMs },
      );
      return (await handle.jsonValue()) as never;
    },
    async waitForLoaded() {
      await view.waitForFunction(() => performance.getEntriesByName('step-flash:loaded').length > 0, undefined, { timeout: 10_000 });
    },
    async deliver(message) {
      await fromWorkbench([message]);
      await taken(1);
    },
    async deliverAll(messages) {
      await fromWorkbench(messages);
      await taken(messages.length);
    },
    async post(message) {
      sent++;
      await fromWorkbench([message]);
    },
    async deliverWithBytes(message) {
      await view.evaluate((data) => (globalThis as unknown as PageEvents).__uiTest.deliverWithBytes(data), message);
      await taken(1);
    },
    async startFrameMeter() {
      await view.evaluate(() => (globalThis as unknown as PageEvents).__uiTest.startFrameMeter());
    },
    async deliverBurst(messages) {
      await view.evaluate((list) => (globalThis as unknown as PageEvents).__uiTest.burst(list), messages as unknown[]);
      await taken(messages.length);
    },
    frameMeterUntil(selector, text) {
      return view.evaluate(({ selector, text }) => (globalThis as unknown as PageEvents).__uiTest.frameMeterUntil(selector, text), { selector, text });
    },
    async pasteFiles(files, selector = 'textarea') {
      await view.evaluate(({ files, selector }) => (globalThis as unknown as PageEvents).__uiTest.paste(files, selector), { files, selector });
    },
    async drop(payload, selector = '.composer') {
      await view.evaluate(
        ({ files, uriList, selector }) => (globalThis as unknown as PageEvents).__uiTest.drop(files, uriList, selector),
        { files: payload.files ?? [], uriList: payload.uriList, selector },
      );
    },
    close: () => context.close(),
  };
  return harness;
}

/**
 * Picks `option` in the <vscode-dropdown> named `name` the way a mouse user does: open it, click the option.
 * Resolves once the dropdown has closed again.
 */
export async function chooseFromDropdown(page: Playwright.Page, name: string, option: string): Promise<void> {
  const dropdown = page.getByRole('combobox', { name });
  await dropdown.click();
  await dropdown.getByRole('option', { name: option, exact: true }).click();
  await page.waitForFunction((label) => document.querySelector(`[aria-label="${label}"]`)?.getAttribute('aria-expanded') === 'false', name);
}

const MEDIA_TYPES: Record<string, string> = {
  '.png': 'image/png', '.jpg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp', '.bmp': 'image/bmp',
  '.heic': 'image/heic', '.tif': 'image/tiff', '.svg': 'image/svg+xml', '.avif': 'image/avif',
  '.mp4': 'video/mp4', '.mov': 'video/quicktime', '.mkv': 'video/x-matroska', '.webm': 'video/webm', '.avi': 'video/x-msvideo',
};

/** A file from test/fixtures/media with the type a browser would give it (by extension, which may lie). */
export function mediaFixture(name: string, type = MEDIA_TYPES[path.extname(name)] ?? ''): FilePayload {
  return { name, type, base64: readFileSync(path.join(ROOT, 'test', 'fixtures', 'media', name)).toString('base64') };
}

export const SCREENSHOTS = path.join(ROOT, '.test-runs', 'screenshots');

/**
 * For a describe block: `open()` loads a ready webview that has received a status (the
 * StatusView overrides given), and after each test a failure is screenshotted and the page closed.
 */
export function webviewPerTest(): (options?: { state?: unknown; status?: Partial<StatusView> }) => Promise<WebviewHarness> {
  let current: WebviewHarness | undefined;
  afterEach(async function () {
    await screenshotOnFailure(this.currentTest, current);
    await current?.close();
    current = undefined;
  });
  return async (options = {}) => {
    current = await openWebview(options.state === undefined ? {} : { state: options.state });
    await current.waitForPosted('ready');
    await current.deliver(status(options.status));
    return current;
  };
}

/** Saves a screenshot named after the failed test; call from afterEach. */
export async function screenshotOnFailure(test: Mocha.Test | undefined, harness: WebviewHarness | undefined): Promise<void> {
  if (!test || test.state !== 'failed' || !harness) return;
  mkdirSync(FAILURES, { recursive: true });
  const file = path.join(FAILURES, `${test.fullTitle().replace(/[^a-z0-9]+/gi, '-').slice(0, 120)}.png`);
  await harness.page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
  console.error(`    screenshot: ${file}`);
}

after(async () => {
  await browser?.close();
  browser = undefined;
  server?.close();
});
