/**
 * Request routing for one region host: record, authenticate, then dispatch to the
 * chat, models and files endpoints. State is shared by both region hosts.
 */
import { randomBytes } from 'crypto';
import type { IncomingMessage, ServerResponse } from 'http';
import { handleChat } from './chat';
import { errorBody, type ApiError } from './errors';
import { fileObject, MAX_UPLOAD_BODY, notFound, parseUpload, type StoredFile } from './files';
import { BodyTooLarge, flattenHeaders, readBody, sendJson } from './httpIo';
import { modelList, modelObject } from './models';
import type { PromptCache } from './promptCache';
import type { TierLimiter } from './tierLimits';
import type { Flavour, RecordedRequest, Region, SimReply } from './types';

/** JSON bodies carry base64 images and video (< 128 MB each), so allow more than one file. */
const MAX_JSON_BODY = 300 * 1024 * 1024;

export interface SimState {
  flavour: Flavour;
  keys: Record<Region, string[]>;
  unauthorizedBody: 'empty' | 'json';
  keyless: boolean;
  models: string[];
  /** With an advisor (SimOptions.advisor): the models it answers under, i.e. every other id. */
  advisorModel?: (model: string) => boolean;
  effortLevels?: string[];
  tokensPerSecond: number;
  limiter?: TierLimiter;
  promptCache?: PromptCache;
  requests: RecordedRequest[];
  files: Map<string, StoredFile>;
  nextReply: (body: unknown, record: RecordedRequest) => SimReply;
  /** Aborted when the simulator closes, so paced streams stop at once. */
  signal: AbortSignal;
}

export function sendError(state: SimState, res: ServerResponse, e: ApiError, headers: Record<string, string> = {}): void {
  const trace: Record<string, string> = state.flavour === 'stepfun' ? { 'X-Trace-Id': randomBytes(16).toString('hex') } : {};
  sendJson(res, e.status, errorBody(state.flavour, e), { ...trace, ...headers });
}

function bearer(req: IncomingMessage): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return m?.[1];
}

function unauthorized(state: SimState, res: ServerResponse, key: string | undefined): void {
  if (state.unauthorizedBody === 'empty') {
    res.writeHead(401, { 'content-length': '0' });
    res.end();
    return;
  }
  // Byte-identical whichever region issued the key: the body cannot reveal a region mismatch.
  const message = key === undefined && state.flavour !== 'stepfun' ? 'No auth credentials found' : 'Incorrect API key provided';
  sendError(state, res, { status: 401, message, type: 'invalid_api_key' });
}

async function readJson(req: IncomingMessage, record: RecordedRequest): Promise<{ body?: unknown; error?: ApiError }> {
  const raw = await readBody(req, MAX_JSON_BODY);
  const text = raw.toString('utf8');
  try {
    record.body = text === '' ? undefined : JSON.parse(text);
    return { body: record.body };
  } catch (err) {
    record.body = text;
    return { error: { status: 400, message: `The request body is not valid JSON: ${(err as Error).message}`, type: 'request_params_invalid', param: 'body' } };
  }
}

async function chat(state: SimState, req: IncomingMessage, res: ServerResponse, record: RecordedRequest, key: string): Promise<void> {
  // Read first so even refused requests are recorded with their body.
  const parsed = await readJson(req, record);
  const admission = state.limiter?.admit(key);
  if (admission?.error) {
    const headers: Record<string, string> = admission.retryAfterSeconds !== undefined ? { 'retry-after': String(admission.retryAfterSeconds) } : {};
    return sendError(state, res, admission.error, headers);
  }
  const local = new AbortController();
  const abort = (): void => local.abort();
  res.on('close', () => {
    record.closedByClient = !res.writableFinished;
    admission?.release();
    abort();
  });
  state.signal.addEventListener('abort', abort, { once: true });
  try {
    if (parsed.error) return sendError(state, res, parsed.error);
    await handleChat(res, parsed.body, {
      flavour: state.flavour,
      models: state.models,
      ...(state.advisorModel ? { advisorModel: state.advisorModel } : {}),
      ...(state.effortLevels ? { effortLevels: state.effortLevels } : {}),
      knownFile: (id) => state.files.has(id),
      tokensPerSecond: state.tokensPerSecond,
      sendError: (r, e, h) => sendError(state, r, e, h),
      nextReply: () => state.nextReply(parsed.body, record),
      servePrompt: (body) => state.promptCache?.serve(key, body).cachedTokens ?? 0,
    }, local.signal);
  } finally {
    state.signal.removeEventListener('abort', abort);
  }
}

async function files(state: SimState, req: IncomingMessage, res: ServerResponse, record: RecordedRequest, rest: string[]): Promise<void> {
  const method = req.method ?? 'GET';
  if (rest.length === 0 && method === 'POST') {
    const raw = await readBody(req, MAX_UPLOAD_BODY);
    const result = await parseUpload(raw, req.headers['content-type'], state.files.size);
    record.body = result.recorded;
    if (result.error || !result.file) return sendError(state, res, result.error ?? notFound('upload'));
    state.files.set(result.file.id, result.file);
    return sendJson(res, 200, fileObject(result.file));
  }
  if (rest.length === 0 && method === 'GET') {
    return sendJson(res, 200, { object: 'list', data: [...state.files.values()].map(fileObject) });
  }
  const file = state.files.get(rest[0]);
  if (rest.length === 1 && (method === 'GET' || method === 'DELETE')) {
    if (!file) return sendError(state, res, notFound(rest[0]));
    if (method === 'GET') return sendJson(res, 200, fileObject(file));
    state.files.delete(file.id);
    return sendJson(res, 200, { id: file.id, object: 'file', deleted: true });
  }
  if (rest.length === 2 && rest[1] === 'content' && method === 'GET') {
    if (!file) return sendError(state, res, notFound(rest[0]));
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': file.data.length });
    res.end(file.data);
    return;
  }
  methodOrPath(state, res, method, record.path, rest.length <= 2);
}

function methodOrPath(state: SimState, res: ServerResponse, method: string, path: string, known: boolean): void {
  if (known) sendError(state, res, { status: 405, message: `Method ${method} is not allowed on ${path}`, type: 'method_not_allowed' });
  else sendError(state, res, { status: 404, message: `Unknown endpoint ${method} ${path}`, type: 'not_found' });
}

async function route(state: SimState, region: Region, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = req.method ?? 'GET';
  const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
  const record: RecordedRequest = { method, path, region, headers: flattenHeaders(req), body: undefined, time: Date.now() };
  state.requests.push(record);
  const key = bearer(req);
  if (key === undefined ? !state.keyless : !state.keys[region].includes(key)) {
    // Record what a refused client sent (tests assert on it); multipart bodies are just drained.
    if (/json/i.test(req.headers['content-type'] ?? '')) await readJson(req, record);
    else req.resume();
    return unauthorized(state, res, key);
  }
  const segments = path.split('/').filter(Boolean);
  if (segments[0] !== 'v1') {
    req.resume();
    return methodOrPath(state, res, method, path, false);
  }
  const [, resource, ...rest] = segments;
  if (resource === 'chat' && rest.length === 1 && rest[0] === 'completions') {
    if (method !== 'POST') return methodOrPath(state, res, method, path, true);
    // A keyless server's requests share one allowance and one prompt cache.
    return chat(state, req, res, record, key ?? '');
  }
  if (resource === 'models') {
    req.resume();
    if (method !== 'GET') return methodOrPath(state, res, method, path, true);
    if (rest.length === 0) return sendJson(res, 200, modelList(state.flavour, state.models));
    const id = decodeURIComponent(rest.join('/'));
    if (state.models.includes(id)) return sendJson(res, 200, modelObject(state.flavour, id));
    return sendError(state, res, { status: 404, message: `Model "${id}" does not exist`, type: 'model_not_found', param: 'model' });
  }
  if (resource === 'files' && state.flavour === 'stepfun') return files(state, req, res, record, rest.map(decodeURIComponent));
  req.resume();
  methodOrPath(state, res, method, path, false);
}

/** The request handler for one region host; failures become 400/500 JSON, never a hang. */
export function regionHandler(state: SimState, region: Region) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    route(state, region, req, res).catch((err: unknown) => {
      if (err instanceof BodyTooLarge) {
        sendError(state, res, { status: 400, message: `The request body exceeds ${err.limit} bytes`, type: 'request_params_invalid', param: 'body' });
      } else if (!res.headersSent) {
        sendError(state, res, { status: 500, message: `Simulator error: ${(err as Error).message}`, type: 'server_error' });
      } else {
        res.destroy();
      }
    });
  };
}
