/**
 * Every request the extension makes, in the Output log: which provider, model and
 * effort, how big, how long, how it ended and its trace id (what support asks for).
 * The client is wrapped where the host creates it (ProviderService.client), so a
 * chat, a command's tool loop, a repair turn, a model list and an upload are all
 * logged the same way. Never the key and never the text: sizes only.
 */
import { StepError, type StepClient } from '../../core/provider';
import type { ChatRequest, ChatResult, StreamHandlers } from '../../core/provider/types';
import { estimateMessageTokens } from '../../core/tokens';
import type { Logger } from '../log';
import { grouped } from '../../shared/bill';

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const kb = (bytes: number) => (bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`);
// Not toLocaleString: its first call builds ICU's number data, a cost the first request would wait for.
const count = grouped;

/** "chat [stepfun-global · step-3.7-flash · effort medium · 4 messages, 3.1 KB ≈ 900 tokens · 2 tools]" */
function describeRequest(client: StepClient, request: ChatRequest, streamed: boolean): string {
  const bytes = Buffer.byteLength(JSON.stringify(request.messages));
  const tokens = request.messages.reduce((n, m) => n + estimateMessageTokens(m), 0);
  const parts = [
    client.profile.id,
    request.model ?? client.profile.model,
    `effort ${request.effort ?? 'default'}`,
    `${request.messages.length} message${request.messages.length === 1 ? '' : 's'}, ${kb(bytes)} ≈ ${count(tokens)} tokens`,
  ];
  if (request.tools?.length) parts.push(`${request.tools.length} tools`);
  return `${streamed ? 'chat' : 'completion'} [${parts.join(' · ')}]`;
}

function describeResult(result: ChatResult, elapsedMs: number, firstByteMs: number | undefined): string {
  const usage = result.usage;
  const tokens = usage
    ? `${count(usage.promptTokens)} in (${count(usage.cachedTokens)} cached) / ${count(usage.completionTokens)} out`
    : 'no usage reported';
  const parts = [
    `${result.stopped ? 'stopped by the user' : `finished (${result.finishReason ?? 'no finish reason'})`} after ${seconds(elapsedMs)}`,
    ...(firstByteMs !== undefined ? [`first byte ${seconds(firstByteMs)}`] : []),
    tokens,
    ...(result.effortSent ? [`effort sent ${result.effortSent}`] : []),
    ...(result.attempts > 1 ? [`${result.attempts} attempts`] : []),
    `trace ${result.traceId ?? 'none'}`,
  ];
  return parts.join(', ');
}

export function describeError(error: unknown): string {
  if (!(error instanceof StepError)) return error instanceof Error ? error.message : String(error);
  const status = error.status !== undefined ? ` ${error.status}` : '';
  return `${error.kind}${status} — ${error.title}: ${error.message} (trace ${error.traceId ?? 'none'})`;
}

function logFailure(log: Logger, what: string, error: unknown, elapsedMs: number): void {
  const line = `${what} failed after ${seconds(elapsedMs)}: ${describeError(error)}`;
  if (error instanceof StepError && error.kind === 'cancelled') log.info(line);
  else log.error(line);
}

/** Handlers that also log the queue, each retry and the moment the response started. */
function loggingHandlers(log: Logger, what: string, handlers: StreamHandlers, onFirstByte: () => void): StreamHandlers {
  return {
    ...handlers,
    onQueued: (position) => {
      log.debug(`${what}: waiting for a rate-limit slot, ${position} ahead`);
      handlers.onQueued?.(position);
    },
    onRetry: (info) => {
      log.warn(`${what}: attempt ${info.attempt} of ${info.maxAttempts} failed (${describeError(info.error)}); retrying in ${seconds(info.waitMs)} — ${info.reason}`);
      handlers.onRetry?.(info);
    },
    onStart: (info) => {
      onFirstByte();
      log.debug(`${what}: response started (attempt ${info.attempt}, trace ${info.traceId ?? 'none'})`);
      handlers.onStart?.(info);
    },
  };
}

export function loggingClient(client: StepClient, log: Logger): StepClient {
  return {
    profile: client.profile,
    async streamChat(request, handlers = {}, signal) {
      const what = describeRequest(client, request, true);
      const started = Date.now();
      let firstByte: number | undefined;
      log.info(`${what} sent`);
      try {
        const result = await client.streamChat(request, loggingHandlers(log, what, handlers, () => (firstByte ??= Date.now() - started)), signal);
        log.info(`${what} ${describeResult(result, Date.now() - started, firstByte)}`);
        return result;
      } catch (error) {
        logFailure(log, what, error, Date.now() - started);
        throw error;
      }
    },
    async complete(request, signal) {
      const what = describeRequest(client, request, false);
      const started = Date.now();
      log.info(`${what} sent`);
      try {
        const result = await client.complete(request, signal);
        log.info(`${what} ${describeResult(result, Date.now() - started, undefined)}`);
        return result;
      } catch (error) {
        logFailure(log, what, error, Date.now() - started);
        throw error;
      }
    },
    async listModels(signal) {
      const what = `list models [${client.profile.id}]`;
      const started = Date.now();
      try {
        const list = await client.listModels(signal);
        if (list.listed) log.info(`${what}: ${list.ids.length} model(s) in ${seconds(Date.now() - started)}, trace ${list.traceId ?? 'none'}`);
        else log.warn(`${what}: not listed — ${list.message}`);
        return list;
      } catch (error) {
        logFailure(log, what, error, Date.now() - started);
        throw error;
      }
    },
    async uploadFile(input, onProgress, signal) {
      const what = `upload [${client.profile.id} · ${input.mime} · ${kb(input.bytes.byteLength)}]`;
      const started = Date.now();
      log.info(`${what} started`);
      try {
        const file = await client.uploadFile(input, onProgress, signal);
        log.info(`${what} finished in ${seconds(Date.now() - started)} as ${file.id}, trace ${file.traceId ?? 'none'}`);
        return file;
      } catch (error) {
        logFailure(log, what, error, Date.now() - started);
        throw error;
      }
    },
  };
}
