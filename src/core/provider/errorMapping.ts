/**
 * Maps whatever the SDK, fetch or the stream threw into a StepError that says
 * what happened in the user's terms. openai-node quirks handled here: 402/451
 * arrive as plain APIError, mid-stream error frames as APIError without status,
 * malformed chunks as SyntaxError, and a body cut mid-read as TypeError "terminated".
 */
import type { EffortLevel } from '../../shared/protocol';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { redactSecrets } from '../redact';
import { StepError, type PartialAnswer, type StepErrorInit } from './errors';
import { traceIdFrom } from './httpCapture';
import type { ResolvedProfile } from './profiles';
import { parseRetryAfter } from './retry';
import { TIER_LIMITS } from './tiers';
import { statusError, type BodyInfo } from './statusErrors';

export interface ErrorContext {
  profile: ResolvedProfile;
  model: string;
  /** The key in use, so it can be scrubbed from anything echoed back. */
  apiKey?: string;
  /** The endpoint path relative to the base URL, e.g. "/chat/completions". */
  path: string;
  traceId?: string;
  /** Raw body of an error response (see httpCapture). */
  rawBody?: string;
  /** True once any answer text reached the caller: no automatic retry after that. */
  delivered?: boolean;
  partial?: PartialAnswer;
  now?: number;
  /** The first-byte timeout in force, to say how long we waited. */
  timeoutMs?: number;
  /** The reasoning effort the request carried, so a server refusing it can be named as the cause. */
  effortSent?: EffortLevel;
}

function codeChain(error: unknown): { codes: string[]; messages: string[] } {
  const codes: string[] = [];
  const messages: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 6; depth++) {
    const record = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof record.code === 'string') codes.push(record.code);
    if (typeof record.message === 'string') messages.push(record.message);
    current = record.cause;
  }
  return { codes, messages };
}

function serverGuess(url: URL): string {
  if (url.port === '30000') return 'SGLang';
  if (url.port === '8000') return 'vLLM';
  return 'the server';
}

function connectionError(error: unknown, ctx: ErrorContext): StepErrorInit {
  const url = new URL(ctx.profile.baseUrl);
  const origin = url.origin;
  const { codes, messages } = codeChain(error);
  const has = (...wanted: string[]) => codes.some((c) => wanted.includes(c));
  if (has('ECONNREFUSED')) {
    const hint = ctx.profile.id === 'custom' ? `is ${serverGuess(url)} running?` : 'is a proxy or firewall blocking it?';
    return { kind: 'connection', title: 'Cannot connect', message: `No server at ${origin} — ${hint}`, actions: ['openSettings', 'retry', 'copyDiagnostics'] };
  }
  if (has('ENOTFOUND', 'EAI_AGAIN')) {
    return {
      kind: 'connection',
      title: 'Host not found',
      message: `Could not find ${url.hostname} (DNS lookup failed). Check the base URL ${ctx.profile.baseUrl} and your network connection.`,
      actions: ['openSettings', 'retry', 'copyDiagnostics'],
    };
  }
  if (has('ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT')) {
    return { kind: 'timeout', title: 'Connection timed out', message: `Connecting to ${origin} timed out. Check your network or proxy.`, actions: ['retry', 'copyDiagnostics'] };
  }
  if (codes.some((c) => c.startsWith('CERT_') || c.includes('CERT') || c === 'DEPTH_ZERO_SELF_SIGNED_CERT')) {
    return {
      kind: 'connection',
      title: 'Untrusted certificate',
      message: `The TLS certificate of ${url.host} is not trusted (${codes.find((c) => c.includes('CERT'))}). A proxy may be intercepting HTTPS.`,
      actions: ['copyDiagnostics'],
    };
  }
  if (has('ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE')) {
    return {
      kind: 'connection',
      title: 'Connection reset',
      message: `The connection to ${url.host} was reset before an answer arrived.`,
      retryable: !ctx.delivered,
      actions: ['retry', 'copyDiagnostics'],
    };
  }
  const detail = messages.filter((m) => m && m !== 'fetch failed' && m !== 'Connection error.').pop();
  return {
    kind: 'connection',
    title: 'Cannot connect',
    message: `Could not reach ${origin}${detail ? `: ${detail}` : ''}.`,
    actions: ['retry', 'copyDiagnostics'],
  };
}

type Dict = Record<string, unknown>;

const isDict = (v: unknown): v is Dict => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * The error objects of a body, outermost first: `{error:{message}}` (OpenAI style), the body itself
 * (vLLM), and deeper levels (`{error:{error:{message,code},code}}`, as OpenRouter sends some 402s).
 */
function errorLevels(value: unknown): Dict[] {
  const levels: Dict[] = [];
  let current: unknown = value;
  for (let depth = 0; isDict(current) && depth < 5; depth++) {
    levels.push(current);
    current = current.error;
  }
  // `{"error":"text"}`: a bare string where the object would be.
  if (typeof current === 'string' && current.trim()) levels.push({ message: current });
  return levels;
}

/** Reads message, param, type and code from whichever level carries them (the deepest message wins). */
function readLevels(levels: Dict[], info: BodyInfo): void {
  for (const level of levels) {
    const message = level.message;
    // Trailing periods are dropped so the message can be quoted inside a sentence.
    if (typeof message === 'string' && message.trim()) info.message = message.trim().replace(/[.\s]+$/, '');
    else if (message !== undefined && message !== null && info.message === undefined) info.message = JSON.stringify(message);
    if (typeof level.param === 'string' && level.param) info.param = level.param;
    if (typeof level.type === 'string' && level.type) info.type = level.type;
    if (level.code !== undefined && level.code !== null && info.code === undefined) info.code = String(level.code);
  }
}

function bodyInfo(error: APIError, rawBody: string | undefined): BodyInfo {
  const info: BodyInfo = {};
  let levels = errorLevels(error.error);
  if (!levels.some((l) => l.message !== undefined) && rawBody) {
    try {
      levels = errorLevels(JSON.parse(rawBody) as unknown);
    } catch {
      // Not JSON: a proxy's HTML page or plain text. Keep a readable excerpt.
      const text = rawBody.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
      if (text) info.message = text.slice(0, 200);
    }
  }
  readLevels(levels, info);
  return info;
}

function streamErrorFrame(error: APIError, ctx: ErrorContext): StepErrorInit {
  const info = bodyInfo(error, undefined);
  const code = Number(info.code);
  const transient = code === 429 || code === 500 || code === 502 || code === 503 || code === 504;
  return {
    kind: 'stream-error',
    title: 'The answer was interrupted',
    message: `${ctx.profile.label} reported an error in the middle of the answer: ${info.message ?? 'no message given'}${info.code ? ` (code ${info.code})` : ''}.`,
    retryable: transient && !ctx.delivered,
    actions: ['retry', 'copyDiagnostics'],
  };
}

function classify(error: unknown, ctx: ErrorContext): StepErrorInit {
  if (error instanceof APIUserAbortError) return { kind: 'cancelled', title: 'Cancelled', message: 'The request was cancelled.' };
  if (error instanceof APIConnectionTimeoutError) {
    const t = ctx.timeoutMs;
    const waited = t ? ` within ${t >= 1000 ? `${Math.round(t / 1000)} s` : `${t} ms`}` : ' in time';
    return { kind: 'timeout', title: 'No response', message: `${ctx.profile.host} did not start answering${waited}.`, actions: ['retry', 'copyDiagnostics'] };
  }
  if (error instanceof APIConnectionError) return connectionError(error.cause ?? error, ctx);
  if (error instanceof APIError) {
    if (error.status === undefined) return streamErrorFrame(error, ctx);
    const init = statusError(error.status, bodyInfo(error, ctx.rawBody), ctx, TIER_LIMITS);
    const retryAfterMs = parseRetryAfter(error.headers, ctx.now);
    if (retryAfterMs !== undefined) init.retryAfterMs = retryAfterMs;
    if (error.status === 429 && retryAfterMs !== undefined) init.message += ` The server asks to wait ${Math.ceil(retryAfterMs / 1000)} s.`;
    if (ctx.delivered) init.retryable = false;
    return init;
  }
  if (error instanceof SyntaxError) {
    return {
      kind: 'malformed-chunk',
      title: 'Unreadable answer',
      message: `${ctx.profile.label} sent a stream chunk that is not valid JSON (${error.message}). The answer is incomplete.`,
      actions: ['retry', 'copyDiagnostics'],
    };
  }
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'AbortError') return { kind: 'cancelled', title: 'Cancelled', message: 'The request was cancelled.' };
  if (error instanceof TypeError && error.message === 'terminated') {
    return {
      kind: 'stream-cut',
      title: 'The answer was cut off',
      message: `The connection to ${ctx.profile.host} closed in the middle of the answer, before it finished. The answer is incomplete.`,
      retryable: !ctx.delivered,
      actions: ['retry', 'copyDiagnostics'],
    };
  }
  return connectionError(error, ctx);
}

/** Converts anything thrown while talking to a provider into a StepError with the key scrubbed. */
export function toStepError(error: unknown, ctx: ErrorContext): StepError {
  const secrets = ctx.apiKey ? [ctx.apiKey] : [];
  if (error instanceof StepError) {
    if (!error.traceId && ctx.traceId) error.traceId = ctx.traceId;
    if (!error.partial && ctx.partial) error.partial = ctx.partial;
    return error;
  }
  const init = classify(error, ctx);
  init.message = redactSecrets(init.message, secrets);
  init.title = redactSecrets(init.title, secrets);
  const traceId = ctx.traceId ?? (error instanceof APIError ? traceIdFrom(error.headers) : undefined);
  if (traceId) init.traceId = traceId;
  if (error instanceof APIError && error.status !== undefined) init.status = error.status;
  if (ctx.partial && (ctx.partial.content || ctx.partial.reasoning || ctx.partial.toolCalls?.length)) init.partial = ctx.partial;
  init.cause = error;
  return new StepError(init);
}
