/**
 * Lets a test inside the extension host act on the workbench page the launcher drives,
 * as a user would: press real keys, and look at what the workbench and the chat
 * webview show (which pane headers exist, which element of the webview has focus).
 * The launcher serves it on 127.0.0.1 and hands its address to the host as
 * STEP_FLASH_WORKBENCH_PROBE; test/integration/suite/workbench.ts is the host side.
 */
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import type * as Playwright from 'playwright-core';

export type ProbeRequest =
  | { op: 'press'; keys: string[] }
  | { op: 'type'; text: string }
  | { op: 'count'; selector: string }
  | { op: 'click'; selector: string }
  | { op: 'waitFor'; selector: string; state?: 'visible' | 'hidden' }
  | { op: 'chatFocus' }
  | { op: 'chatIconFont' }
  | { op: 'chatCount'; selector: string }
  | { op: 'screenshot'; path: string };

/** What has focus inside the chat webview, and the message box's text. */
export interface ChatFocus {
  found: boolean;
  hasFocus: boolean;
  active: string;
  input: string;
}

/** Runs in the chat webview's frame. */
function readChatFocus(): ChatFocus {
  const active = document.activeElement;
  const label = active ? `${active.tagName.toLowerCase()}${active.className ? `.${String(active.className).split(' ').join('.')}` : ''}` : 'none';
  return { found: true, hasFocus: document.hasFocus(), active: label, input: document.querySelector('textarea')?.value ?? '' };
}

async function chatFrame(page: Playwright.Page): Promise<Playwright.Frame | undefined> {
  for (const frame of page.frames()) {
    const isChat = await frame.evaluate(() => document.querySelector('main#app[aria-label="Step Flash chat"]') !== null).catch(() => false);
    if (isChat) return frame;
  }
  return undefined;
}

async function run(page: Playwright.Page, request: ProbeRequest): Promise<unknown> {
  switch (request.op) {
    case 'press':
      for (const key of request.keys) await page.keyboard.press(key);
      return true;
    case 'type':
      await page.keyboard.type(request.text);
      return true;
    case 'count':
      return page.locator(request.selector).count();
    case 'click':
      await page.locator(request.selector).first().click({ timeout: 15_000 });
      return true;
    case 'waitFor':
      await page.locator(request.selector).first().waitFor({ state: request.state ?? 'visible', timeout: 15_000 });
      return true;
    case 'chatFocus': {
      const frame = await chatFrame(page);
      return frame ? frame.evaluate(readChatFocus) : { found: false, hasFocus: false, active: 'none', input: '' };
    }
    case 'chatIconFont': {
      // Whether the webview's CSP let the codicon font load, and a codicon in the chat has its glyph box.
      const frame = await chatFrame(page);
      return frame?.evaluate(async () => {
        await document.fonts.ready;
        const icon = document.querySelector('.codicon');
        return { loaded: document.fonts.check('16px codicon'), width: icon?.getBoundingClientRect().width ?? 0 };
      });
    }
    case 'chatCount': {
      const frame = await chatFrame(page);
      return frame ? frame.locator(request.selector).count() : 0;
    }
    case 'screenshot':
      await page.screenshot({ path: request.path });
      return true;
  }
}

/** Serves probe requests (POST, JSON) against `page` until closed. */
export async function startWorkbenchProbe(page: Playwright.Page): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      run(page, JSON.parse(body) as ProbeRequest).then(
        (result) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ result })),
        (error: unknown) => res.writeHead(500).end(JSON.stringify({ error: error instanceof Error ? error.message : String(error) })),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
