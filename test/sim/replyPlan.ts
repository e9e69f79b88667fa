/**
 * Turns a scripted SimReply into what will actually be sent: tool-call ids filled in,
 * max_tokens applied (truncation with finish_reason "length", as the real API does), and
 * the token totals every usage object reports.
 */
import { randomBytes } from 'crypto';
import { countTokens, CHARS_PER_TOKEN } from './tokens';
import type { ChatRequest } from './validateChat';
import type { Flavour, SimReply } from './types';

export interface PlannedToolCall {
  id: string;
  name: string;
  arguments: string;
}

export interface PlannedReply {
  reasoning: string;
  content: string;
  toolCalls: PlannedToolCall[];
  finishReason: 'stop' | 'length' | 'content_filter' | 'tool_calls';
  promptTokens: number;
  cachedTokens?: number;
  reasoningTokens: number;
  completionTokens: number;
}

export function toolCallId(flavour: Flavour): string {
  if (flavour === 'vllm') return `chatcmpl-tool-${randomBytes(16).toString('hex')}`;
  // The shape of StepFun's documented ids, e.g. call_ybVBO_JASgipgJH8xWbhKg.
  return `call_${randomBytes(16).toString('base64url').slice(0, 22)}`;
}

export function toolTokens(call: { name: string; arguments: string }): number {
  return countTokens(call.name + call.arguments);
}

export function planReply(reply: SimReply, req: ChatRequest, flavour: Flavour): PlannedReply {
  let reasoning = reply.reasoning ?? '';
  let content = reply.content ?? '';
  let toolCalls: PlannedToolCall[] = (reply.toolCalls ?? []).map((t) => ({
    id: t.id ?? toolCallId(flavour),
    name: t.name,
    arguments: t.arguments,
  }));
  let finishReason = reply.finishReason ?? (toolCalls.length ? 'tool_calls' : 'stop');
  if (req.maxTokens !== undefined) {
    let budget = req.maxTokens;
    const cut = (text: string): string => {
      const kept = text.slice(0, budget * CHARS_PER_TOKEN);
      budget -= countTokens(kept);
      if (kept.length < text.length) finishReason = 'length';
      return kept;
    };
    reasoning = cut(reasoning);
    content = finishReason === 'length' ? '' : cut(content);
    const toolTotal = toolCalls.reduce((n, t) => n + toolTokens(t), 0);
    if (finishReason === 'length' || toolTotal > budget) {
      if (toolCalls.length) finishReason = 'length';
      toolCalls = [];
    }
  }
  const reasoningTokens = countTokens(reasoning);
  const completionTokens = reasoningTokens + countTokens(content) + toolCalls.reduce((n, t) => n + toolTokens(t), 0);
  return {
    reasoning,
    content,
    toolCalls,
    finishReason,
    promptTokens: reply.promptTokens ?? req.promptTokens,
    cachedTokens: reply.cachedTokens,
    reasoningTokens,
    completionTokens,
  };
}
