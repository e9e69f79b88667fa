import { DeltaBatcher } from '../../core/chat/deltaBatcher';
import { StepError, type ChatMessage, type ChatResult, type ProviderId, type ToolDefinition } from '../../core/provider';
import type { EffortLevel, HostMessage, UsageView } from '../../shared/protocol';
import type { ProviderService } from '../provider/providerService';

export interface StreamTurnRequest {
  turnId: string;
  messages: ChatMessage[];
  effort: EffortLevel;
  tools?: readonly ToolDefinition[];
  signal: AbortSignal;
}

export type StreamTurnOutcome =
  | { ok: true; result: ChatResult; usage: UsageView }
  | { ok: false; error: StepError; provider?: ProviderId };

/**
 * One model request streamed into a chat turn: deltas are batched to the
 * webview, queueing and retry countdowns are shown, and the result (or a
 * StepError with whatever arrived before it) is returned — never thrown.
 */
export async function streamTurn(
  provider: ProviderService,
  post: (message: HostMessage) => void,
  request: StreamTurnRequest,
): Promise<StreamTurnOutcome> {
  const { turnId } = request;
  const batcher = new DeltaBatcher((content, reasoning) => {
    post({ type: 'turnDelta', turnId, ...(content ? { content } : {}), ...(reasoning ? { reasoning } : {}) });
  });
  let retryInfo = { attempt: 1, maxAttempts: 1, reason: '' };
  let providerId: ProviderId | undefined;
  try {
    const client = await provider.client();
    providerId = client.profile.id;
    const result = await client.streamChat(
      { messages: request.messages, effort: request.effort, ...(request.tools?.length ? { tools: [...request.tools] } : {}) },
      {
        onContent: (text) => batcher.addContent(text),
        onReasoning: (text) => batcher.addReasoning(text),
        onQueued: (position) => post({ type: 'turnQueued', turnId, position }),
        onRetry: (info) => {
          batcher.flush();
          retryInfo = { attempt: info.attempt + 1, maxAttempts: info.maxAttempts, reason: info.reason };
          post({ type: 'turnRetry', turnId, secondsLeft: Math.ceil(info.waitMs / 1000), ...retryInfo });
        },
        onCountdown: (secondsLeft) => post({ type: 'turnRetry', turnId, secondsLeft, ...retryInfo }),
      },
      request.signal,
    );
    batcher.flush();
    const { costUsd } = provider.record(result);
    const usage: UsageView = {
      promptTokens: result.usage?.promptTokens ?? 0,
      completionTokens: result.usage?.completionTokens ?? 0,
      cachedTokens: result.usage?.cachedTokens ?? 0,
      costUsd,
    };
    return { ok: true, result, usage };
  } catch (error) {
    batcher.flush();
    const stepError =
      error instanceof StepError
        ? error
        : new StepError({ kind: 'server', title: 'Unexpected error', message: error instanceof Error ? error.message : String(error), actions: ['retry', 'copyDiagnostics'] });
    return { ok: false, error: stepError, ...(providerId ? { provider: providerId } : {}) };
  }
}
