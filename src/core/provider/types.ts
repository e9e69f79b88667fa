/**
 * Request and result shapes of the Step client. They mirror the OpenAI wire
 * format closely (so history can be sent back unchanged) but only with the
 * fields Step documents.
 */
import type { EffortLevel } from '../../shared/protocol';
import type { CostInfo } from './pricing';
import type { RetryInfo } from './retry';

export type FinishReason = 'stop' | 'length' | 'content_filter' | 'tool_calls';

export type ContentPart =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string; detail?: 'low' | 'high' } }
  | { type: 'video_url'; video_url: { url: string } };

export interface ToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export interface ToolDefinition {
  type: 'function';
  function: { name: string; description?: string; parameters?: Record<string, unknown> };
}

export type ChatMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string | ContentPart[] }
  | {
      role: 'assistant';
      content: string | null;
      tool_calls?: ToolCall[];
      /** Kept for the record; sent back only where a provider asks for it. */
      reasoning?: string;
      /** OpenRouter wants these back unchanged on the next turn. */
      reasoning_details?: unknown[];
    }
  | { role: 'tool'; tool_call_id: string; content: string };

export interface ChatRequest {
  messages: ChatMessage[];
  /** Overrides the profile's model for this request. */
  model?: string;
  effort?: EffortLevel;
  tools?: ToolDefinition[];
  toolChoice?: 'auto' | 'none' | 'required';
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  stop?: string[];
}

export interface Usage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  cachedTokens: number;
  reasoningTokens?: number;
  /** OpenRouter's own figure for what the request cost. */
  providerCostUsd?: number;
}

export interface ChatResult {
  content: string;
  reasoning: string;
  /** `content`, or the reasoning when the model put its whole answer there (see StreamAccumulator). */
  answerText: string;
  toolCalls: ToolCall[];
  reasoningDetails?: unknown[];
  finishReason: FinishReason | null;
  usage?: Usage;
  cost: CostInfo;
  model: string;
  id?: string;
  traceId?: string;
  /** True when the caller aborted: what arrived so far is kept. */
  stopped: boolean;
  attempts: number;
  /** The effort level sent, when the model takes one (see effortForModel). */
  effortSent?: EffortLevel;
}

export interface StreamHandlers {
  onContent?(text: string): void;
  onReasoning?(text: string): void;
  /** A tool call grew; `calls` is the accumulated list so far. */
  onToolCalls?(calls: ToolCall[]): void;
  onUsage?(usage: Usage): void;
  /** 1-based place in the rate-limit queue while waiting. */
  onQueued?(position: number): void;
  onRetry?(info: RetryInfo): void;
  /** Whole seconds until the next try, once per second. */
  onCountdown?(secondsLeft: number): void;
  /** The response headers arrived (trace id known). */
  onStart?(info: { traceId?: string; attempt: number }): void;
}
