/**
 * Accumulates raw chat-completion chunks. The SDK's .stream() helper is not used:
 * it overwrites `reasoning` instead of appending and rejects tool-call deltas
 * without `index`, both of which StepFun and local servers send. Text is kept as
 * arrays of pieces and joined once, so a 200k-token answer costs O(n).
 */
import { ReasoningDetails } from './reasoningDetails';
import type { FinishReason, ToolCall, Usage } from './types';

export interface ChunkDelta {
  content?: string;
  reasoning?: string;
  /** Tool calls touched by this chunk (index into the accumulated list). */
  toolCallIndexes?: number[];
}

interface ToolCallBuilder {
  id: string;
  name: string;
  args: string[];
}

type Dict = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export class StreamAccumulator {
  private contentParts: string[] = [];
  private reasoningParts: string[] = [];
  private contentCache: string | undefined = '';
  private reasoningCache: string | undefined = '';
  private calls: ToolCallBuilder[] = [];
  private byIndex = new Map<number, number>();
  private details = new ReasoningDetails();
  finishReason: FinishReason | null = null;
  usage: Usage | undefined;
  id: string | undefined;
  model: string | undefined;
  chunks = 0;
  private output = false;

  /** Folds one parsed chunk in; returns what it added, for the caller's handlers. */
  push(chunk: unknown): ChunkDelta {
    this.chunks++;
    const out: ChunkDelta = {};
    if (!chunk || typeof chunk !== 'object') return out;
    const c = chunk as Dict;
    if (this.id === undefined && str(c.id)) this.id = c.id as string;
    if (this.model === undefined && str(c.model)) this.model = c.model as string;
    if (c.usage && typeof c.usage === 'object') this.usage = readUsage(c.usage as Dict);
    const choices = Array.isArray(c.choices) ? (c.choices as Dict[]) : [];
    const choice = choices.find((ch) => ch && (ch.index === undefined || ch.index === 0));
    if (!choice) return out;
    const finish = str(choice.finish_reason);
    if (finish) this.finishReason = finish as FinishReason;
    const delta = (choice.delta ?? choice.message) as Dict | undefined;
    if (!delta || typeof delta !== 'object') return out;

    const parts = contentOf(delta.content);
    const content = parts.text;
    if (content) {
      this.contentParts.push(content);
      this.contentCache = undefined;
      out.content = content;
      this.output = true;
    }
    const reasoning = (this.reasoningOf(delta) ?? '') + parts.thinking;
    if (reasoning) {
      this.reasoningParts.push(reasoning);
      this.reasoningCache = undefined;
      out.reasoning = reasoning;
      this.output = true;
    }
    if (Array.isArray(delta.tool_calls)) {
      const touched = (delta.tool_calls as Dict[]).map((tc) => this.mergeToolCall(tc));
      if (touched.length) {
        out.toolCallIndexes = touched;
        this.output = true;
      }
    }
    return out;
  }

  /** `reasoning` (StepFun, vLLM, OpenRouter), `reasoning_content` (SGLang, deepseek-style), else the details' text. */
  private reasoningOf(delta: Dict): string | undefined {
    const details = Array.isArray(delta.reasoning_details) ? (delta.reasoning_details as unknown[]) : undefined;
    if (details) this.details.add(details);
    // OpenRouter repeats the same text in `reasoning` and `reasoning_details`: take one, never both.
    const direct = str(delta.reasoning) || str(delta.reasoning_content);
    if (direct) return direct;
    return details ? ReasoningDetails.textOf(details) || undefined : undefined;
  }

  private mergeToolCall(tc: Dict): number {
    const fn = (tc.function ?? {}) as Dict;
    const id = str(tc.id);
    const index = num(tc.index);
    let slot: number | undefined;
    if (index !== undefined) {
      slot = this.byIndex.get(index);
    } else if (this.calls.length && !(id && this.calls[this.calls.length - 1]!.id && id !== this.calls[this.calls.length - 1]!.id)) {
      // No index: continue the last call unless a different id says a new one begins.
      slot = this.calls.length - 1;
    }
    if (slot === undefined) {
      slot = this.calls.length;
      this.calls.push({ id: '', name: '', args: [] });
      if (index !== undefined) this.byIndex.set(index, slot);
    }
    const call = this.calls[slot]!;
    if (id && !call.id) call.id = id;
    const name = str(fn.name);
    if (name) call.name = call.name && call.name !== name ? call.name + name : name;
    const args = str(fn.arguments);
    if (args) call.args.push(args);
    return slot;
  }

  get content(): string {
    if (this.contentCache === undefined) {
      this.contentCache = this.contentParts.join('');
      this.contentParts = [this.contentCache];
    }
    return this.contentCache;
  }

  get reasoning(): string {
    if (this.reasoningCache === undefined) {
      this.reasoningCache = this.reasoningParts.join('');
      this.reasoningParts = [this.reasoningCache];
    }
    return this.reasoningCache;
  }

  get toolCalls(): ToolCall[] {
    return this.calls.map((c, i) => ({
      id: c.id || `call_${i}`,
      type: 'function' as const,
      function: { name: c.name, arguments: c.args.join('') },
    }));
  }

  get reasoningDetails(): unknown[] | undefined {
    return this.details.merged();
  }

  /** True once a token of answer, reasoning or a tool call has arrived. */
  get hasOutput(): boolean {
    return this.output;
  }

  /**
   * The text to show as the answer. After tool calls Step sometimes puts the
   * whole answer in `reasoning` and leaves `content` empty; then the reasoning is the answer.
   */
  get answerText(): string {
    const content = this.content;
    if (content.trim() || this.finishReason !== 'stop' || this.calls.length) return content;
    return this.reasoning;
  }
}

/**
 * `content` as a string, or as a list of parts (Mistral-style servers): `text` parts are the answer,
 * `thinking` parts (text in `thinking`, as a string or a list of text parts, or in `text`) are reasoning.
 */
function contentOf(value: unknown): { text: string; thinking: string } {
  if (typeof value === 'string') return { text: value, thinking: '' };
  if (!Array.isArray(value)) return { text: '', thinking: '' };
  let text = '';
  let thinking = '';
  for (const raw of value as unknown[]) {
    if (typeof raw === 'string') {
      text += raw;
      continue;
    }
    if (!raw || typeof raw !== 'object') continue;
    const part = raw as Dict;
    if (part.type === 'thinking' || part.type === 'reasoning') thinking += textOf(part.thinking ?? part.reasoning ?? part.text);
    else if (part.type === 'text' || part.type === undefined) text += textOf(part.text);
  }
  return { text, thinking };
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value)) return '';
  return (value as unknown[]).map((p) => (typeof p === 'string' ? p : str((p as Dict | null)?.text) ?? '')).join('');
}

export function readUsage(u: Dict): Usage {
  const promptDetails = (u.prompt_tokens_details ?? {}) as Dict;
  const completionDetails = (u.completion_tokens_details ?? {}) as Dict;
  const usage: Usage = {
    promptTokens: num(u.prompt_tokens) ?? 0,
    completionTokens: num(u.completion_tokens) ?? 0,
    totalTokens: num(u.total_tokens) ?? (num(u.prompt_tokens) ?? 0) + (num(u.completion_tokens) ?? 0),
    cachedTokens: num(u.cached_tokens) ?? num(promptDetails?.cached_tokens) ?? 0,
  };
  const reasoningTokens = num(completionDetails?.reasoning_tokens);
  if (reasoningTokens !== undefined) usage.reasoningTokens = reasoningTokens;
  const cost = num(u.cost);
  if (cost !== undefined) usage.providerCostUsd = cost;
  return usage;
}
