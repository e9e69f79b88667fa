/**
 * The wire shape of chunks and completions for each flavour (docs/step-api-notes.md).
 * Everything flavour-specific about a successful reply lives here.
 */
import { randomBytes } from 'crypto';
import type { PlannedReply } from './replyPlan';
import type { ChatRequest } from './validateChat';
import type { Flavour } from './types';

export type Delta =
  | { type: 'role' }
  | { type: 'reasoning'; text: string }
  | { type: 'content'; text: string }
  | { type: 'toolStart'; index: number; id: string; name: string }
  | { type: 'toolArgs'; index: number; text: string }
  | { type: 'finish' };

export interface FormatOptions {
  midStreamFinishReason: null | '';
  omitToolCallIndex: boolean;
  contentShape: 'string' | 'parts';
}

/** List-shaped content (SimReply.contentShape 'parts'): a thinking part for reasoning, a text part for the answer. */
function thinkingPart(text: string): Record<string, unknown> {
  return { type: 'thinking', thinking: [{ type: 'text', text }] };
}

export function completionId(flavour: Flavour): string {
  const hex = randomBytes(16).toString('hex');
  if (flavour === 'openrouter') return `gen-${Math.floor(Date.now() / 1000)}-${randomBytes(10).toString('hex')}`;
  if (flavour === 'vllm') return `chatcmpl-${hex}`;
  return hex;
}

/** The response header each backend uses to identify a request, if any. */
export function traceHeader(flavour: Flavour, id: string): Record<string, string> {
  if (flavour === 'stepfun') return { 'X-Trace-Id': id };
  if (flavour === 'openrouter') return { 'X-Generation-Id': id };
  if (flavour === 'vllm') return { 'x-request-id': id };
  return {};
}

/** USD per million tokens: input, cache hit, output (docs/step-api-notes.md, "Usage and cost"). */
function price(model: string): [number, number, number] {
  return /3[.p]7/.test(model) ? [0.2, 0.04, 1.15] : [0.1, 0.02, 0.3];
}

export function usageObject(flavour: Flavour, plan: PlannedReply, model: string, completionTokens: number, reasoningTokens: number): Record<string, unknown> {
  const prompt = plan.promptTokens;
  const base = { prompt_tokens: prompt, completion_tokens: completionTokens, total_tokens: prompt + completionTokens };
  const cached = plan.cachedTokens;
  switch (flavour) {
    case 'stepfun':
      return cached !== undefined ? { ...base, cached_tokens: cached } : base;
    case 'openrouter': {
      const [inP, cacheP, outP] = price(model);
      const hit = cached ?? 0;
      const cost = ((prompt - hit) * inP + hit * cacheP + completionTokens * outP) / 1e6;
      return {
        ...base,
        cost: Number(cost.toPrecision(6)),
        is_byok: false,
        prompt_tokens_details: { cached_tokens: hit },
        completion_tokens_details: { reasoning_tokens: reasoningTokens },
      };
    }
    default:
      return { ...base, prompt_tokens_details: cached !== undefined ? { cached_tokens: cached } : null };
  }
}

export class ChunkFormatter {
  readonly id: string;
  private readonly created = Math.floor(Date.now() / 1000);

  constructor(
    private readonly flavour: Flavour,
    private readonly req: ChatRequest,
    private readonly plan: PlannedReply,
    private readonly opts: FormatOptions,
  ) {
    this.id = completionId(flavour);
  }

  private delta(d: Delta): Record<string, unknown> {
    const or = this.flavour === 'openrouter';
    // The API reference's examples blank the role on later chunks; the SDK print-out keeps it.
    const later: Record<string, unknown> = or
      ? { role: 'assistant', content: '' }
      : this.flavour === 'stepfun' && this.opts.midStreamFinishReason === '' ? { role: '' } : {};
    switch (d.type) {
      case 'role':
        return { role: 'assistant', content: '' };
      case 'reasoning':
        if (this.opts.contentShape === 'parts') return { ...later, content: [thinkingPart(d.text)] };
        if (or) return { ...later, reasoning: d.text, reasoning_details: [{ type: 'reasoning.text', text: d.text, format: 'unknown', index: 0 }] };
        return { ...later, [this.req.reasoningField]: d.text };
      case 'content':
        return { ...later, content: this.opts.contentShape === 'parts' ? [{ type: 'text', text: d.text }] : d.text };
      case 'toolStart':
        return { ...later, tool_calls: [{ ...this.index(d.index), id: d.id, type: 'function', function: { name: d.name, arguments: '' } }] };
      case 'toolArgs':
        return { ...later, tool_calls: [{ ...this.index(d.index), function: { arguments: d.text } }] };
      case 'finish':
        return or ? { role: 'assistant', content: '' } : {};
    }
  }

  private index(i: number): Record<string, number> {
    return this.opts.omitToolCallIndex ? {} : { index: i };
  }

  /** One stream chunk. `usage` carries the cumulative counts so far (StepFun sends them on every chunk). */
  chunk(d: Delta, usage: { completion: number; reasoning: number }): Record<string, unknown> {
    const final = d.type === 'finish';
    const finish = final ? this.plan.finishReason : this.opts.midStreamFinishReason;
    const choice: Record<string, unknown> = { index: 0, delta: this.delta(d), finish_reason: finish };
    const out: Record<string, unknown> = { id: this.id, object: 'chat.completion.chunk', created: this.created, model: this.req.model };
    if (this.flavour === 'openrouter') {
      out.provider = 'StepFun';
      choice.native_finish_reason = final ? this.plan.finishReason : null;
      choice.logprobs = null;
    } else if (this.flavour !== 'stepfun') {
      choice.logprobs = null;
    }
    out.choices = [choice];
    if (this.flavour === 'stepfun' || (this.flavour === 'openrouter' && final)) {
      out.usage = usageObject(this.flavour, this.plan, this.req.model, usage.completion, usage.reasoning);
    } else if (this.req.includeUsage) {
      out.usage = null;
    }
    return out;
  }

  /** vLLM/SGLang's trailing usage-only chunk when stream_options.include_usage is set. */
  usageChunk(): Record<string, unknown> | undefined {
    if (this.flavour === 'stepfun' || this.flavour === 'openrouter' || !this.req.includeUsage) return undefined;
    return {
      id: this.id,
      object: 'chat.completion.chunk',
      created: this.created,
      model: this.req.model,
      choices: [],
      usage: usageObject(this.flavour, this.plan, this.req.model, this.plan.completionTokens, this.plan.reasoningTokens),
    };
  }

  /** Base fields for an error frame that pretends to be a chunk (OpenRouter does this). */
  frameBase(): Record<string, unknown> {
    return { id: this.id, object: 'chat.completion.chunk', created: this.created, model: this.req.model, provider: 'StepFun' };
  }

  /** The non-stream `chat.completion` body. */
  completion(): Record<string, unknown> {
    const p = this.plan;
    const showReasoning = p.reasoning !== '' && !this.req.excludeReasoning;
    const message: Record<string, unknown> = { role: 'assistant', content: p.content };
    if (this.flavour !== 'stepfun' && p.content === '' && p.toolCalls.length) message.content = null;
    if (this.opts.contentShape === 'parts') {
      message.content = [...(showReasoning ? [thinkingPart(p.reasoning)] : []), ...(p.content ? [{ type: 'text', text: p.content }] : [])];
    } else if (showReasoning) message[this.req.reasoningField] = p.reasoning;
    if (showReasoning && this.flavour === 'openrouter' && this.opts.contentShape !== 'parts') {
      message.reasoning_details = [{ type: 'reasoning.text', text: p.reasoning, format: 'unknown', index: 0 }];
    }
    if (p.toolCalls.length) {
      message.tool_calls = p.toolCalls.map((t, i) => ({
        ...this.index(i),
        id: t.id,
        type: 'function',
        function: { name: t.name, arguments: t.arguments },
      }));
    }
    const choice: Record<string, unknown> = { index: 0, message, finish_reason: p.finishReason };
    if (this.flavour === 'openrouter') choice.native_finish_reason = p.finishReason;
    const out: Record<string, unknown> = {
      id: this.id,
      object: 'chat.completion',
      created: this.created,
      model: this.req.model,
      choices: [choice],
      usage: usageObject(this.flavour, p, this.req.model, p.completionTokens, p.reasoningTokens),
    };
    if (this.flavour === 'openrouter') out.provider = 'StepFun';
    return out;
  }
}
