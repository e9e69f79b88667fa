/**
 * One streamed chat turn: rate-limit slot, retries before the first token,
 * raw-chunk accumulation, idle timeout, and cancellation that keeps what
 * arrived. The body is read by src/core/provider/sseChunks.ts, which like the SDK finishes silently when a
 * stream ends without [DONE], so a missing finish_reason is checked here and reported as a cut stream.
 */
// The body carries fields the SDK types lack (reasoning_effort values, reasoning, stream_options on any server).
import type { ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import { mapError, requireKey, type ClientContext } from './clientContext';
import { StepError } from './errors';
import { traceIdFrom } from './httpCapture';
import { costOf } from './pricing';
import { buildChatBody, type BuiltRequest } from './requestBody';
import { chunkBatches } from './sseChunks';
import { withRetry } from './retry';
import { StreamAccumulator } from './stream';
import { estimateMessageTokens } from '../tokens';
import type { ChatRequest, ChatResult, StreamHandlers } from './types';

/** Prompt size plus the reply allowance, for the tokens-per-minute budget: the same estimate as the context budget. */
export function estimateTokens(request: ChatRequest): number {
  return request.messages.reduce((n, message) => n + estimateMessageTokens(message), 0) + (request.maxTokens ?? 0);
}

export function resultFrom(acc: StreamAccumulator, built: BuiltRequest, traceId: string | undefined, stopped: boolean, attempts: number): ChatResult {
  const result: ChatResult = {
    content: acc.content,
    reasoning: acc.reasoning,
    answerText: acc.answerText,
    toolCalls: acc.toolCalls,
    finishReason: acc.finishReason,
    cost: costOf(acc.usage, built.model),
    model: built.model,
    stopped,
    attempts,
  };
  const details = acc.reasoningDetails;
  if (details) result.reasoningDetails = details;
  if (acc.usage) result.usage = acc.usage;
  if (acc.id) result.id = acc.id;
  if (traceId) result.traceId = traceId;
  if (built.effortSent) result.effortSent = built.effortSent;
  return result;
}

/**
 * A turn that ended normally ("stop") with no text, no reasoning to fall back on and no tool call:
 * shown as a failure the user can retry, never as a blank answer that looks like success.
 */
export function emptyAnswerError(acc: StreamAccumulator, label: string): StepError | undefined {
  if (acc.finishReason !== 'stop' || acc.toolCalls.length || acc.answerText.trim()) return undefined;
  return new StepError({
    kind: 'empty-answer',
    title: 'Empty answer',
    message: `${label} ended the answer normally (finish_reason "stop") but sent no text and no tool call (${acc.chunks} chunk${acc.chunks === 1 ? '' : 's'} arrived, none with answer text the extension could read). Retry; if it keeps happening, copy the diagnostics.`,
    actions: ['retry', 'copyDiagnostics'],
  });
}

/** Wraps handlers so none fires after the caller aborted, and a throwing handler is not mistaken for a network error. */
class Delivery {
  handlerError: unknown;
  constructor(
    private readonly handlers: StreamHandlers,
    private readonly signal: AbortSignal | undefined,
  ) {}
  call<K extends keyof StreamHandlers>(name: K, ...args: Parameters<NonNullable<StreamHandlers[K]>>): void {
    if (this.signal?.aborted || this.handlerError !== undefined) return;
    const fn = this.handlers[name] as ((...a: unknown[]) => void) | undefined;
    try {
      fn?.apply(this.handlers, args);
    } catch (error) {
      this.handlerError = error;
    }
  }
}

export async function streamChat(ctx: ClientContext, request: ChatRequest, handlers: StreamHandlers = {}, signal?: AbortSignal): Promise<ChatResult> {
  const built = buildChatBody(request, ctx.profile, true);
  requireKey(ctx);
  const delivery = new Delivery(handlers, signal);
  let acc = new StreamAccumulator();
  let traceId: string | undefined;
  let attempts = 0;
  const stoppedResult = () => resultFrom(acc, built, traceId, true, attempts);

  const attempt = async (attemptNumber: number): Promise<ChatResult> => {
    attempts = attemptNumber;
    acc = new StreamAccumulator();
    traceId = undefined;
    const permit = ctx.limiter
      ? await ctx.limiter.acquire({ estimatedTokens: estimateTokens(request), onQueued: (p) => delivery.call('onQueued', p), ...(signal ? { signal } : {}) })
      : undefined;
    try {
      return await runOnce(attemptNumber);
    } finally {
      permit?.release(acc.usage ? acc.usage.totalTokens : undefined);
    }
  };

  const runOnce = async (attemptNumber: number): Promise<ChatResult> => {
    const controller = new AbortController();
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    // One watchdog per stream rather than a timer per chunk: chunks only stamp the time.
    let lastActivity = Date.now();
    let idleFired = false;
    let idle: ReturnType<typeof setInterval> | undefined;
    const startIdleWatch = () => {
      const period = Math.max(10, Math.min(1000, Math.floor(ctx.idleTimeoutMs / 4)));
      idle = setInterval(() => {
        if (Date.now() - lastActivity < ctx.idleTimeoutMs) return;
        idleFired = true;
        controller.abort();
      }, period);
    };
    const timeout = ctx.firstByteTimeoutMs ?? 120_000;
    try {
      const response = await ctx.sdk.chat.completions
        .create(built.body as unknown as ChatCompletionCreateParamsStreaming, { signal: controller.signal, timeout })
        .asResponse();
      traceId = traceIdFrom(response.headers);
      delivery.call('onStart', { ...(traceId ? { traceId } : {}), attempt: attemptNumber });
      lastActivity = Date.now();
      startIdleWatch();
      read: for await (const batch of chunkBatches(response, controller)) {
        lastActivity = Date.now();
        for (const chunk of batch) {
          if (signal?.aborted) break read;
          const delta = acc.push(chunk);
          if (!traceId && acc.id) traceId = acc.id;
          if (delta.reasoning) delivery.call('onReasoning', delta.reasoning);
          if (delta.content) delivery.call('onContent', delta.content);
          if (delta.toolCallIndexes) delivery.call('onToolCalls', acc.toolCalls);
          if ((chunk as { usage?: unknown } | null)?.usage && acc.usage) delivery.call('onUsage', acc.usage);
          if (delivery.handlerError !== undefined) break read;
        }
      }
      if (delivery.handlerError !== undefined) throw delivery.handlerError;
      if (signal?.aborted) return stoppedResult();
      if (idleFired) {
        throw new StepError({
          kind: 'timeout',
          title: 'The answer stalled',
          message: `${ctx.profile.host} sent nothing for ${Math.round(ctx.idleTimeoutMs / 1000)} s in the middle of the answer.`,
          actions: ['retry', 'copyDiagnostics'],
          retryable: false,
        });
      }
      if (!acc.finishReason) {
        throw new StepError({
          kind: 'stream-cut',
          title: 'The answer was cut off',
          message: `The stream from ${ctx.profile.host} ended after ${acc.chunks} chunk${acc.chunks === 1 ? '' : 's'} without a finish_reason or [DONE]. The answer is incomplete.`,
          retryable: !acc.hasOutput,
          actions: ['retry', 'copyDiagnostics'],
        });
      }
      const empty = emptyAnswerError(acc, ctx.profile.label);
      if (empty) throw empty;
      return resultFrom(acc, built, traceId, false, attemptNumber);
    } catch (error) {
      if (error === delivery.handlerError) throw error;
      if (signal?.aborted) return stoppedResult();
      const calls = acc.toolCalls;
      const partial = { content: acc.content, reasoning: acc.reasoning, ...(calls.length ? { toolCalls: calls } : {}) };
      throw await mapError(
        ctx,
        error,
        { model: built.model, path: '/chat/completions', delivered: acc.hasOutput, partial, timeoutMs: timeout, ...(built.effortSent ? { effortSent: built.effortSent } : {}), ...(traceId ? { traceId } : {}) },
        signal,
      );
    } finally {
      if (idle) clearInterval(idle);
      signal?.removeEventListener('abort', onAbort);
    }
  };

  try {
    return await withRetry(
      attempt,
      ctx.retry,
      { onRetry: (info) => delivery.call('onRetry', info), onCountdown: (s) => delivery.call('onCountdown', s) },
      signal,
    );
  } catch (error) {
    if (signal?.aborted && error instanceof StepError && error.kind === 'cancelled') return stoppedResult();
    throw error;
  }
}
