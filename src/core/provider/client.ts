/**
 * The Step client: streamed and one-shot chat, model listing and file upload,
 * on openai-node with its retries off (ours are visible and stop at the first
 * token). Everything thrown is a StepError; an abort returns what arrived.
 */
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { emptyAnswerError, resultFrom, streamChat } from './chatStream';
import { createContext, mapError, requireKey, type StepClientOptions } from './clientContext';
import { traceIdFrom } from './httpCapture';
import { listModels, type ModelList } from './models';
import type { ResolvedProfile } from './profiles';
import { buildChatBody } from './requestBody';
import { withRetry } from './retry';
import { StreamAccumulator } from './stream';
import type { ChatRequest, ChatResult, StreamHandlers } from './types';
import { uploadFile, type UploadedFile, type UploadInput, type UploadProgress } from './upload';

export type { StepClientOptions } from './clientContext';

export interface StepClient {
  readonly profile: ResolvedProfile;
  streamChat(request: ChatRequest, handlers?: StreamHandlers, signal?: AbortSignal): Promise<ChatResult>;
  complete(request: ChatRequest, signal?: AbortSignal): Promise<ChatResult>;
  listModels(signal?: AbortSignal): Promise<ModelList>;
  uploadFile(input: UploadInput, onProgress?: (progress: UploadProgress) => void, signal?: AbortSignal): Promise<UploadedFile>;
}

export function createStepClient(options: StepClientOptions): StepClient {
  const ctx = createContext(options);
  return {
    profile: ctx.profile,
    streamChat: (request, handlers, signal) => streamChat(ctx, request, handlers, signal),
    listModels: (signal) => listModels(ctx, signal),
    uploadFile: (input, onProgress, signal) => uploadFile(ctx, input, onProgress, signal),
    async complete(request, signal) {
      const built = buildChatBody(request, ctx.profile, false);
      requireKey(ctx);
      return withRetry(
        async (attempt) => {
          const permit = ctx.limiter ? await ctx.limiter.acquire(signal ? { signal } : {}) : undefined;
          let traceId: string | undefined;
          try {
            const timeout = ctx.firstByteTimeoutMs ?? 600_000;
            const { data, response } = await ctx.sdk.chat.completions
              .create(built.body as unknown as ChatCompletionCreateParamsNonStreaming, { timeout, ...(signal ? { signal } : {}) })
              .withResponse();
            traceId = traceIdFrom(response.headers);
            const acc = new StreamAccumulator();
            acc.push(data);
            permit?.release(acc.usage?.totalTokens);
            const empty = emptyAnswerError(acc, ctx.profile.label);
            if (empty) throw empty;
            return resultFrom(acc, built, traceId ?? acc.id, false, attempt);
          } catch (error) {
            permit?.release();
            const context = { model: built.model, path: '/chat/completions', ...(built.effortSent ? { effortSent: built.effortSent } : {}), ...(traceId ? { traceId } : {}) };
            throw await mapError(ctx, error, context, signal);
          }
        },
        ctx.retry,
        {},
        signal,
      );
    },
  };
}
