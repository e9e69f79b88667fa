/**
 * The host side of test/integration/workbenchProbe.ts: real key presses on the
 * workbench page and what it shows. Present when the code-server launcher runs the
 * suite (it drives the page); the desktop launcher has no page to drive.
 */
import type { ChatFocus, ProbeRequest } from '../workbenchProbe';

export interface Workbench {
  press(...keys: string[]): Promise<void>;
  type(text: string): Promise<void>;
  count(selector: string): Promise<number>;
  click(selector: string): Promise<void>;
  waitFor(selector: string, state?: 'visible' | 'hidden'): Promise<void>;
  chatFocus(): Promise<ChatFocus>;
  chatIconFont(): Promise<{ loaded: boolean; width: number } | undefined>;
  /** How many elements of the chat webview match `selector` (0 while the webview is not there). */
  chatCount(selector: string): Promise<number>;
  /** Saves what the page shows, for a person to look at. */
  screenshot(path: string): Promise<void>;
}

export function workbench(): Workbench | undefined {
  const url = process.env.STEP_FLASH_WORKBENCH_PROBE;
  if (!url) return undefined;
  const call = async <T>(request: ProbeRequest): Promise<T> => {
    const response = await fetch(url, { method: 'POST', body: JSON.stringify(request) });
    const body = (await response.json()) as { result?: T; error?: string };
    if (!response.ok) throw new Error(`workbench probe ${request.op}: ${body.error ?? response.status}`);
    return body.result as T;
  };
  return {
    press: async (...keys) => void (await call({ op: 'press', keys })),
    type: async (text) => void (await call({ op: 'type', text })),
    count: (selector) => call({ op: 'count', selector }),
    click: async (selector) => void (await call({ op: 'click', selector })),
    waitFor: async (selector, state) => void (await call({ op: 'waitFor', selector, ...(state ? { state } : {}) })),
    chatFocus: () => call({ op: 'chatFocus' }),
    chatIconFont: () => call({ op: 'chatIconFont' }),
    chatCount: (selector) => call({ op: 'chatCount', selector }),
    screenshot: async (path) => void (await call({ op: 'screenshot', path })),
  };
}
