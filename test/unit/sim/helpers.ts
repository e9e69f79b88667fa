/** Shared helpers for the simulator's own tests: real HTTP through fetch, plus an SSE reader. */
import { startSimulator } from '../../sim/server';
import type { Region, SimOptions, Simulator } from '../../sim/types';

export const KEYS: Record<Region, string> = { global: 'sk-global-test', china: 'sk-china-test' };

/**
 * One simulator for the enclosing describe block: started before its tests, reset before each, closed after.
 * The returned object stands for it, so tests use it like the simulator itself.
 */
export function useSimulator(options: SimOptions = {}): Simulator {
  let sim: Simulator | undefined;
  before(async () => {
    sim = await startSimulator(options);
  });
  after(() => sim?.close());
  beforeEach(() => sim?.reset());
  const live = (): Simulator => {
    if (!sim) throw new Error('the simulator is used outside the tests of the describe block that started it');
    return sim;
  };
  return {
    url: (region) => live().url(region),
    enqueue: (...replies) => live().enqueue(...replies),
    enqueueAdvisor: (...replies) => live().enqueueAdvisor(...replies),
    respondWith: (fn) => live().respondWith(fn),
    get requests() {
      return live().requests;
    },
    get files() {
      return live().files;
    },
    reset: () => live().reset(),
    close: () => live().close(),
  };
}

/** A simulator of its own for one test, closed however the test ends. */
export async function withSimulator<T>(options: SimOptions, body: (sim: Simulator) => Promise<T>): Promise<T> {
  const sim = await startSimulator(options);
  try {
    return await body(sim);
  } finally {
    await sim.close();
  }
}

export interface Sse {
  /** Parsed `data:` payloads other than [DONE]; unparseable ones as { unparsed: text }. */
  events: Record<string, unknown>[];
  comments: string[];
  done: boolean;
  raw: string;
}

export function parseSse(raw: string): Sse {
  const out: Sse = { events: [], comments: [], done: false, raw };
  for (const block of raw.split('\n\n')) {
    for (const line of block.split('\n')) {
      if (line === '') continue;
      if (line.startsWith(':')) out.comments.push(line.slice(1).trim());
      else if (line === 'data: [DONE]') out.done = true;
      else if (line.startsWith('data: ')) {
        const text = line.slice(6);
        try {
          out.events.push(JSON.parse(text) as Record<string, unknown>);
        } catch {
          out.events.push({ unparsed: text });
        }
      } else throw new Error(`unexpected SSE line: ${line}`);
    }
  }
  return out;
}

export function chatBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { model: 'step-3.7-flash', messages: [{ role: 'user', content: 'Hello there' }], ...extra };
}

export interface CallOptions {
  region?: Region;
  key?: string | null;
  method?: string;
  headers?: Record<string, string>;
}

export function call(sim: Simulator, path: string, body?: unknown, o: CallOptions = {}): Promise<Response> {
  const region = o.region ?? 'global';
  const key = o.key === undefined ? KEYS[region] : o.key;
  const headers: Record<string, string> = { ...o.headers };
  if (key !== null) headers.authorization = `Bearer ${key}`;
  let payload: string | FormData | undefined;
  if (body instanceof FormData) payload = body;
  else if (typeof body === 'string') payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  return fetch(`${sim.url(region)}${path}`, { method: o.method ?? (body === undefined ? 'GET' : 'POST'), headers, body: payload });
}

export function chat(sim: Simulator, extra: Record<string, unknown> = {}, o: CallOptions = {}): Promise<Response> {
  return call(sim, '/chat/completions', chatBody(extra), o);
}

export async function stream(sim: Simulator, extra: Record<string, unknown> = {}, o: CallOptions = {}): Promise<{ res: Response; sse: Sse }> {
  const res = await chat(sim, { stream: true, ...extra }, o);
  return { res, sse: parseSse(await res.text()) };
}

type Choice = { delta: Record<string, unknown>; finish_reason: unknown } & Record<string, unknown>;

export function choices(sse: Sse): Choice[] {
  return sse.events.flatMap((e) => (e.choices as Choice[] | undefined) ?? []);
}

/** Concatenation of one delta field across a stream. */
export function joined(sse: Sse, field: string): string {
  return choices(sse)
    .map((c) => c.delta?.[field])
    .filter((v): v is string => typeof v === 'string')
    .join('');
}
