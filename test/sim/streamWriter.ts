/**
 * Writes a streamed chat completion as SSE (docs/step-api-notes.md, "Streaming"): pacing, backpressure and the
 * in-stream faults (cut, malformed chunk, error frame). Chunks are produced lazily and
 * batched into large writes when unpaced, so 200,000-token streams stay cheap.
 */
import type { ServerResponse } from 'http';
import { errorFrame } from './errors';
import { sleep, writeSplit } from './httpIo';
import type { PlannedReply } from './replyPlan';
import { chunkSizer, splitText } from './tokens';
import type { ChatRequest } from './validateChat';
import { ChunkFormatter, type Delta, traceHeader } from './wireFormat';
import type { Flavour, SimReply } from './types';

interface Step {
  delta: Delta;
  /** Completion tokens this chunk adds (the pacing unit). */
  tokens: number;
  completion: number;
  reasoning: number;
}

/** The chunk sequence with cumulative usage; counts follow tokens.ts so the last equals the plan's totals. */
function* steps(plan: PlannedReply, req: ChatRequest, sizes: () => number): Generator<Step> {
  let done = 0;
  let reasoning = 0;
  let segment = 0;
  let chars = 0;
  // Tokens of the current segment are ceil(chars / 4) so far: the sum over segments matches countTokens.
  const advance = (len: number): number => {
    chars += len;
    const now = Math.ceil(chars / 4);
    const added = now - segment;
    segment = now;
    done += added;
    return added;
  };
  yield { delta: { type: 'role' }, tokens: 0, completion: 0, reasoning: 0 };
  if (req.excludeReasoning) {
    done = reasoning = plan.reasoningTokens;
  } else {
    for (const text of splitText(plan.reasoning, sizes)) {
      const added = advance(text.length);
      reasoning = done;
      yield { delta: { type: 'reasoning', text }, tokens: added, completion: done, reasoning };
    }
  }
  segment = 0;
  chars = 0;
  for (const text of splitText(plan.content, sizes)) {
    const added = advance(text.length);
    yield { delta: { type: 'content', text }, tokens: added, completion: done, reasoning };
  }
  for (let i = 0; i < plan.toolCalls.length; i++) {
    const call = plan.toolCalls[i];
    segment = 0;
    chars = 0;
    const head = advance(call.name.length);
    yield { delta: { type: 'toolStart', index: i, id: call.id, name: call.name }, tokens: head, completion: done, reasoning };
    for (const text of splitText(call.arguments, sizes)) {
      const added = advance(text.length);
      yield { delta: { type: 'toolArgs', index: i, text }, tokens: added, completion: done, reasoning };
    }
  }
  yield { delta: { type: 'finish' }, tokens: 0, completion: plan.completionTokens, reasoning: plan.reasoningTokens };
}

export interface StreamContext {
  flavour: Flavour;
  req: ChatRequest;
  plan: PlannedReply;
  reply: SimReply;
  tokensPerSecond: number;
  signal: AbortSignal;
}

const BATCH_BYTES = 64 * 1024;

export async function writeStream(res: ServerResponse, ctx: StreamContext): Promise<void> {
  const { flavour, reply, signal } = ctx;
  const fmt = new ChunkFormatter(flavour, ctx.req, ctx.plan, {
    midStreamFinishReason: reply.midStreamFinishReason ?? null,
    omitToolCallIndex: reply.omitToolCallIndex ?? false,
    contentShape: reply.contentShape ?? 'string',
  });
  const fault = reply.fault && reply.fault.kind !== 'status' && reply.fault.kind !== 'reset' ? reply.fault : undefined;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: fault?.kind === 'cut' ? 'close' : 'keep-alive',
    ...traceHeader(flavour, fmt.id),
  });
  const comment = flavour === 'openrouter' ? ': OPENROUTER PROCESSING\n\n' : ': keepalive\n\n';
  const delay = reply.chunkDelayMs ?? 0;
  const tps = ctx.tokensPerSecond;
  const paced = delay > 0 || tps > 0 || reply.keepAliveComments === true || (reply.writeBytes ?? 0) > 0;
  let buffer = flavour === 'openrouter' ? comment : '';
  const flush = async (): Promise<void> => {
    if (!buffer) return;
    const data = buffer;
    buffer = '';
    await writeSplit(res, data, reply.writeBytes, signal);
  };
  const start = Date.now();
  let tokensSent = 0;
  let sent = 0;
  let faultDone = false;
  for (const step of steps(ctx.plan, ctx.req, chunkSizer(reply.tokensPerChunk))) {
    if (signal.aborted) return;
    if (fault && !faultDone && (sent === fault.afterChunks || step.delta.type === 'finish')) {
      faultDone = true;
      if (fault.kind === 'cut') {
        if (!fault.abrupt) {
          await flush();
          res.end();
          return;
        }
        // End the socket, not the response: the data already written arrives, the chunked terminator never does.
        res.flushHeaders();
        await flush();
        res.socket?.end();
        return;
      }
      if (fault.kind === 'errorFrame') {
        buffer += `data: ${JSON.stringify(errorFrame(flavour, fault.message ?? 'The upstream model failed mid-stream', fmt.frameBase()))}\n\n`;
        if (flavour === 'vllm' || flavour === 'sglang') buffer += 'data: [DONE]\n\n';
        await flush();
        res.end();
        return;
      }
      buffer += `data: {"id":"${fmt.id}","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"\n\n`;
    }
    if (sent > 0) {
      if (delay > 0) {
        await flush();
        await sleep(delay, signal);
      }
      if (reply.keepAliveComments) buffer += comment;
    }
    if (tps > 0 && step.tokens > 0) {
      tokensSent += step.tokens;
      const wait = start + (tokensSent / tps) * 1000 - Date.now();
      if (wait >= 1) {
        await flush();
        await sleep(wait, signal);
      }
    }
    buffer += `data: ${JSON.stringify(fmt.chunk(step.delta, step))}\n\n`;
    sent++;
    if (paced || buffer.length >= BATCH_BYTES) await flush();
  }
  const tail = fmt.usageChunk();
  if (tail) buffer += `data: ${JSON.stringify(tail)}\n\n`;
  buffer += 'data: [DONE]\n\n';
  await flush();
  if (!signal.aborted) res.end();
}
