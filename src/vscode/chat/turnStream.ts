import { DeltaBatcher } from '../../core/chat/deltaBatcher';
import type { TaskRef } from '../../core/cost/tasks';
import type { ChatMessage, ChatResult, ToolDefinition } from '../../core/provider';
import type { EffortLevel } from '../../shared/protocol';
import type { TurnUpdate } from '../../shared/turnEvents';
import type { ProviderService } from '../provider/providerService';

export interface StreamTurnRequest {
  messages: ChatMessage[];
  effort: EffortLevel;
  tools?: readonly ToolDefinition[];
  signal: AbortSignal;
  /** The task the request is billed to. */
  task: TaskRef;
}

/**
 * One model request inside a turn, as turn events: streamed text batched into
 * reasoning and answer events, queueing and retry countdowns, and the request's
 * usage, billed to its task. A failure is the client's StepError, thrown unchanged after whatever text
 * arrived before it has been emitted.
 */
export async function streamTurn(provider: ProviderService, emit: (event: TurnUpdate) => void, request: StreamTurnRequest): Promise<ChatResult> {
  const batcher = new DeltaBatcher(emit);
  let retryInfo = { attempt: 1, maxAttempts: 1, reason: '' };
  try {
    const client = await provider.client();
    const result = await client.streamChat(
      { messages: request.messages, effort: request.effort, ...(request.tools?.length ? { tools: [...request.tools] } : {}) },
      {
        onContent: (text) => batcher.addContent(text),
        onReasoning: (text) => batcher.addReasoning(text),
        onQueued: (position) => emit({ kind: 'queued', position }),
        onRetry: (info) => {
          batcher.flush();
          retryInfo = { attempt: info.attempt + 1, maxAttempts: info.maxAttempts, reason: info.reason };
          emit({ kind: 'retry', secondsLeft: Math.ceil(info.waitMs / 1000), ...retryInfo });
        },
        onCountdown: (secondsLeft) => emit({ kind: 'retry', secondsLeft, ...retryInfo }),
      },
      request.signal,
    );
    batcher.flush();
    emit({ kind: 'usage', usage: provider.record(result, request.task), model: result.model });
    return result;
  } finally {
    batcher.flush();
  }
}
