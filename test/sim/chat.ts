/** POST /v1/chat/completions: validation, the chosen reply's faults, then a stream or a completion body. */
import type { ServerResponse } from 'http';
import { defaultError, errorFrame, nestedErrorBody, type ApiError } from './errors';
import { sendJson, sleep, writeSplit } from './httpIo';
import { planReply } from './replyPlan';
import { writeStream } from './streamWriter';
import { validateChat, type ChatContext, type ChatRequest } from './validateChat';
import { ChunkFormatter, traceHeader } from './wireFormat';
import type { Flavour, SimReply } from './types';

export interface ChatDeps extends ChatContext {
  tokensPerSecond: number;
  sendError: (res: ServerResponse, e: ApiError, headers?: Record<string, string>) => void;
  nextReply: () => SimReply;
  /** Serves the prompt to the prefix-cache model; returns its cached tokens (0 without a model). */
  servePrompt: (body: unknown) => number;
}

function statusFault(res: ServerResponse, fault: Extract<SimReply['fault'], { kind: 'status' }>, deps: ChatDeps): void {
  const headers: Record<string, string> = {};
  if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
  if (fault.retryAfterMs !== undefined) headers['retry-after-ms'] = String(fault.retryAfterMs);
  const error = { ...defaultError(fault.status), ...(fault.message ? { message: fault.message } : {}) };
  if (fault.body === 'empty') {
    res.writeHead(fault.status, { ...headers, 'content-length': '0' });
    res.end();
  } else if (fault.body === 'nested') {
    sendJson(res, fault.status, nestedErrorBody(error), headers);
  } else if (fault.body) {
    sendJson(res, fault.status, fault.body, headers);
  } else {
    deps.sendError(res, error, headers);
  }
}

/** Non-stream body, with the same faults as streams in their non-stream form. */
async function writeCompletion(res: ServerResponse, fmt: ChunkFormatter, flavour: Flavour, reply: SimReply, signal: AbortSignal): Promise<void> {
  const headers = traceHeader(flavour, fmt.id);
  const fault = reply.fault;
  if (fault?.kind === 'errorFrame') {
    sendJson(res, 200, errorFrame(flavour, fault.message ?? 'The upstream model failed', fmt.frameBase()), headers);
    return;
  }
  const text = JSON.stringify(fmt.completion());
  if (fault?.kind === 'cut') {
    // Promise the whole body, send half, then drop the connection.
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
    res.write(text.slice(0, Math.floor(text.length / 2)), () => res.socket?.end());
    return;
  }
  const body = fault?.kind === 'malformed' ? text.slice(0, -1) : text;
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers });
  await writeSplit(res, body, reply.writeBytes, signal);
  if (!signal.aborted) res.end();
}

export async function handleChat(res: ServerResponse, body: unknown, deps: ChatDeps, signal: AbortSignal): Promise<void> {
  const checked = validateChat(body, deps);
  if (!checked.ok) {
    deps.sendError(res, checked.error);
    return;
  }
  const req: ChatRequest = checked.req;
  const reply = deps.nextReply();
  if (reply.fault?.kind === 'reset') {
    res.socket?.destroy();
    return;
  }
  await sleep(reply.firstByteDelayMs ?? 0, signal);
  if (signal.aborted) return;
  if (reply.fault?.kind === 'status') {
    statusFault(res, reply.fault, deps);
    return;
  }
  const plan = planReply(reply, req, deps.flavour);
  // Scripted usage wins; otherwise the cache model reports, in the flavours that report caching at all.
  const cached = deps.servePrompt(body);
  const scripted = reply.promptTokens !== undefined || reply.cachedTokens !== undefined;
  if (!scripted && cached > 0 && (deps.flavour === 'stepfun' || deps.flavour === 'openrouter')) plan.cachedTokens = cached;
  if (req.stream) {
    await writeStream(res, { flavour: deps.flavour, req, plan, reply, tokensPerSecond: deps.tokensPerSecond, signal });
    return;
  }
  const fmt = new ChunkFormatter(deps.flavour, req, plan, {
    midStreamFinishReason: null,
    omitToolCallIndex: reply.omitToolCallIndex ?? false,
    contentShape: reply.contentShape ?? 'string',
  });
  await writeCompletion(res, fmt, deps.flavour, reply, signal);
}
