/**
 * The Step API simulator: two region hosts (global, china) on 127.0.0.1 sharing one
 * state. Contract in ./types.ts; behaviour follows docs/step-api-notes.md.
 */
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import { advisorReply } from './advisor';
import { defaultReply } from './defaultReply';
import type { StoredFile } from './files';
import { defaultModels } from './models';
import { PromptCache } from './promptCache';
import { regionHandler, type SimState } from './routes';
import { TierLimiter } from './tierLimits';
import type { RecordedRequest, Region, SimOptions, SimReply, Simulator } from './types';

export const DEFAULT_KEYS: Record<Region, string[]> = { global: ['sk-global-test'], china: ['sk-china-test'] };
const REGIONS: Region[] = ['global', 'china'];

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    // Ends keep-alive and in-flight sockets too, so test processes exit promptly.
    server.closeAllConnections();
  });
}

export async function startSimulator(options: SimOptions = {}): Promise<Simulator> {
  const flavour = options.flavour ?? 'stepfun';
  if (options.tokensPerSecond !== undefined && !(options.tokensPerSecond >= 0)) {
    throw new RangeError(`tokensPerSecond must be >= 0, got ${options.tokensPerSecond}`);
  }
  const closing = new AbortController();
  let queue: SimReply[] = [];
  let advisorQueue: SimReply[] = [];
  const advise = options.advisor === true ? advisorReply : options.advisor;
  let responder: ((body: unknown, request: RecordedRequest) => SimReply) | undefined;
  const fallback = options.fallback ?? ((body: unknown) => defaultReply(body));
  const requests: RecordedRequest[] = [];
  const files = new Map<string, StoredFile>();
  const limiter = options.tier ? new TierLimiter(options.tier, options.now) : undefined;
  const promptCache = options.promptCache === false ? undefined : new PromptCache({ ...options.promptCache, ...(options.now ? { now: options.now } : {}) });
  const models = options.models ?? defaultModels(flavour);
  const isAdvisor = (body: unknown) => {
    const model = (body as { model?: unknown } | undefined)?.model;
    return advise !== undefined && typeof model === 'string' && model !== '' && !models.includes(model);
  };
  const state: SimState = {
    flavour,
    keys: { global: options.keys?.global ?? DEFAULT_KEYS.global, china: options.keys?.china ?? DEFAULT_KEYS.china },
    unauthorizedBody: options.unauthorizedBody ?? 'json',
    keyless: options.keyless === true,
    models,
    ...(advise ? { advisorModel: (model: string) => !models.includes(model) } : {}),
    ...(options.effortLevels ? { effortLevels: options.effortLevels } : {}),
    tokensPerSecond: options.tokensPerSecond ?? 0,
    limiter,
    promptCache,
    requests,
    files,
    signal: closing.signal,
    nextReply: (body, record) => {
      if (advise && isAdvisor(body)) {
        record.advisor = true;
        return advisorQueue.shift() ?? advise(body, record);
      }
      return responder ? responder(body, record) : (queue.shift() ?? fallback(body, record));
    },
  };
  const servers = new Map<Region, Server>();
  const ports = new Map<Region, number>();
  try {
    for (const region of REGIONS) {
      const server = createServer(regionHandler(state, region));
      servers.set(region, server);
      ports.set(region, await listen(server, options.ports?.[region] ?? 0));
    }
  } catch (err) {
    await Promise.all([...servers.values()].map(closeServer));
    throw err;
  }
  let closed: Promise<void> | undefined;
  return {
    url: (region: Region = 'global') => `http://127.0.0.1:${ports.get(region)}/v1`,
    enqueue: (...replies: SimReply[]) => {
      queue.push(...replies);
    },
    enqueueAdvisor: (...replies: SimReply[]) => {
      advisorQueue.push(...replies);
    },
    respondWith: (fn) => {
      responder = fn;
    },
    requests,
    files,
    reset: () => {
      queue = [];
      advisorQueue = [];
      responder = undefined;
      requests.length = 0;
      files.clear();
      limiter?.reset();
      promptCache?.clear();
    },
    close: () => {
      closed ??= (async () => {
        closing.abort();
        await Promise.all([...servers.values()].map(closeServer));
      })();
      return closed;
    },
  };
}
