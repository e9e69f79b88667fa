/**
 * Validates a chat-completions body the way the real backends do (docs/step-api-notes.md)
 * and extracts what the reply writer needs. Every refusal names the offending parameter.
 */
import { checkPart, partTokens, type PartContext } from './contentParts';
import type { ApiError } from './errors';
import type { Flavour } from './types';

export interface ChatRequest {
  model: string;
  stream: boolean;
  /** vLLM/SGLang send stream usage only when asked (OpenAI semantics). */
  includeUsage: boolean;
  reasoningField: 'reasoning' | 'reasoning_content';
  /** OpenRouter `reasoning.exclude`: the reasoning is produced but not returned. */
  excludeReasoning: boolean;
  maxTokens?: number;
  promptTokens: number;
}

export interface ChatContext extends PartContext {
  models: string[];
  /** Models the simulator's advisor answers under (SimOptions.advisor). */
  advisorModel?: (model: string) => boolean;
  /** SimOptions.effortLevels: the only reasoning_effort values this server takes. */
  effortLevels?: string[];
}

const ROLES = new Set(['system', 'user', 'assistant', 'tool']);
const TOOL_NAME = /^[a-zA-Z_][a-zA-Z0-9_-]{0,63}$/;

function invalid(message: string, param: string): ApiError {
  return { status: 400, message, type: 'request_params_invalid', param };
}

function checkRange(body: Record<string, unknown>, key: string, lo: number, hi: number): ApiError | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < lo || v > hi) {
    return invalid(`${key} must be a number between ${lo} and ${hi}, got ${JSON.stringify(v)}`, key);
  }
  return undefined;
}

function unknownModel(flavour: Flavour, model: string): ApiError {
  // StepFun documents "model missing or no permission" as a 400; vLLM answers 404 NotFoundError.
  if (flavour === 'vllm') return { status: 404, message: `The model \`${model}\` does not exist.`, type: 'model_not_found', param: 'model' };
  if (flavour === 'openrouter') return invalid(`${model} is not a valid model ID`, 'model');
  return invalid(`Model "${model}" does not exist or you do not have access to it`, 'model');
}

function checkEffort(body: Record<string, unknown>, model: string, levels: string[] | undefined): ApiError | undefined {
  const effort = body.reasoning_effort;
  if (effort === undefined || effort === null) return undefined;
  if (levels && !levels.includes(effort as string)) {
    // The wording of a vLLM build whose reasoning parser knows other levels.
    return invalid(`Unexpected reasoning effort ${String(effort)}. Supported types are: ${levels.join(', ')}`, 'reasoning_effort');
  }
  const allowed = /2603$/.test(model) ? ['low', 'high'] : ['low', 'medium', 'high'];
  if (typeof effort !== 'string' || !allowed.includes(effort)) {
    return invalid(`reasoning_effort must be one of ${allowed.join('|')} for ${model}, got ${JSON.stringify(effort)}`, 'reasoning_effort');
  }
  return undefined;
}

function checkTools(tools: unknown): ApiError | undefined {
  if (tools === undefined || tools === null) return undefined;
  if (!Array.isArray(tools)) return invalid('tools must be an array', 'tools');
  for (let i = 0; i < tools.length; i++) {
    const t = tools[i] as Record<string, unknown> | null;
    if (!t || t.type !== 'function' || !t.function || typeof t.function !== 'object') {
      return invalid(`tools[${i}] must be {type:"function", function:{…}}`, `tools[${i}]`);
    }
    const fn = t.function as Record<string, unknown>;
    if (typeof fn.name !== 'string' || !TOOL_NAME.test(fn.name)) {
      return invalid(`tools[${i}].function.name must match ^[a-zA-Z_][a-zA-Z0-9_-]{0,63}$, got ${JSON.stringify(fn.name)}`, `tools[${i}].function.name`);
    }
    if (fn.parameters !== undefined && (typeof fn.parameters !== 'object' || fn.parameters === null)) {
      return invalid(`tools[${i}].function.parameters must be a JSON schema object`, `tools[${i}].function.parameters`);
    }
  }
  return undefined;
}

/** Validates messages and returns the rough prompt-token count, or the first error. */
function checkMessages(messages: unknown, ctx: ChatContext): ApiError | number {
  if (messages === undefined || messages === null) return invalid('messages is required', 'messages');
  if (!Array.isArray(messages) || messages.length === 0) return invalid('messages must be a non-empty array', 'messages');
  let tokens = 0;
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i] as Record<string, unknown> | null;
    const p = `messages[${i}]`;
    if (!m || typeof m !== 'object') return invalid(`${p} must be an object`, p);
    if (typeof m.role !== 'string' || !ROLES.has(m.role)) {
      return invalid(`${p}.role must be one of system|user|assistant|tool, got ${JSON.stringify(m.role)}`, `${p}.role`);
    }
    if (m.role === 'tool' && typeof m.tool_call_id !== 'string') return invalid(`${p}.tool_call_id is required for tool messages`, `${p}.tool_call_id`);
    tokens += 4;
    const c = m.content;
    if (typeof c === 'string') tokens += Math.ceil(c.length / 4);
    else if (Array.isArray(c)) {
      if (m.role !== 'user' && c.some((part) => (part as { type?: unknown } | null)?.type !== 'text')) {
        return invalid(`${p}.content: only user messages may carry images or video`, `${p}.content`);
      }
      for (let j = 0; j < c.length; j++) {
        const err = checkPart(c[j], `${p}.content[${j}]`, ctx);
        if (err) return err;
        tokens += partTokens(c[j] as Record<string, unknown>);
      }
    } else if (!(c === null && m.role === 'assistant')) {
      if (!(c === undefined && m.role === 'assistant' && Array.isArray(m.tool_calls))) {
        return invalid(`${p}.content must be a string or an array of content parts`, `${p}.content`);
      }
    }
    if (Array.isArray(m.tool_calls)) tokens += Math.ceil(JSON.stringify(m.tool_calls).length / 4);
  }
  return tokens;
}

function checkShape(body: Record<string, unknown>): ApiError | undefined {
  if (body.stream !== undefined && body.stream !== null && typeof body.stream !== 'boolean') return invalid('stream must be a boolean', 'stream');
  if (body.n !== undefined && body.n !== null && body.n !== 1) return invalid(`n must be 1 (the simulator generates one choice), got ${JSON.stringify(body.n)}`, 'n');
  if (body.max_tokens !== undefined && body.max_tokens !== null) {
    if (!Number.isInteger(body.max_tokens) || (body.max_tokens as number) < 1) return invalid(`max_tokens must be a positive integer, got ${JSON.stringify(body.max_tokens)}`, 'max_tokens');
  }
  const fmt = body.reasoning_format;
  if (fmt !== undefined && fmt !== null && fmt !== 'general' && fmt !== 'deepseek-style') {
    return invalid(`reasoning_format must be "general" or "deepseek-style", got ${JSON.stringify(fmt)}`, 'reasoning_format');
  }
  const rf = body.response_format as Record<string, unknown> | undefined | null;
  if (rf !== undefined && rf !== null && !['text', 'json_object', 'json_schema'].includes(rf.type as string)) {
    return invalid(`response_format.type must be text|json_object|json_schema, got ${JSON.stringify(rf.type)}`, 'response_format.type');
  }
  return checkRange(body, 'temperature', 0, 2) ?? checkRange(body, 'top_p', 0, 1) ?? checkRange(body, 'frequency_penalty', 0, 1);
}

export function validateChat(raw: unknown, ctx: ChatContext): { ok: true; req: ChatRequest } | { ok: false; error: ApiError } {
  const fail = (error: ApiError) => ({ ok: false as const, error });
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return fail(invalid('The request body must be a JSON object', 'body'));
  const body = raw as Record<string, unknown>;
  if (body.model === undefined || body.model === null || body.model === '') return fail(invalid('model is required', 'model'));
  if (typeof body.model !== 'string') return fail(invalid('model must be a string', 'model'));
  if (!ctx.models.includes(body.model) && !ctx.advisorModel?.(body.model)) return fail(unknownModel(ctx.flavour, body.model));
  const promptTokens = checkMessages(body.messages, ctx);
  if (typeof promptTokens !== 'number') return fail(promptTokens);
  const err = checkShape(body) ?? checkEffort(body, body.model, ctx.effortLevels) ?? checkTools(body.tools);
  if (err) return fail(err);
  const reasoning = body.reasoning as Record<string, unknown> | undefined;
  if (ctx.flavour === 'openrouter' && reasoning && (reasoning.enabled === false || reasoning.effort === 'none')) {
    return fail(invalid('Reasoning is mandatory for this endpoint and cannot be disabled.', 'reasoning'));
  }
  const so = body.stream_options as Record<string, unknown> | undefined;
  const deepseek = ctx.flavour === 'stepfun' && body.reasoning_format === 'deepseek-style';
  return {
    ok: true,
    req: {
      model: body.model,
      stream: body.stream === true,
      includeUsage: !!so && so.include_usage === true,
      reasoningField: ctx.flavour === 'sglang' || deepseek ? 'reasoning_content' : 'reasoning',
      excludeReasoning: ctx.flavour === 'openrouter' && !!reasoning && reasoning.exclude === true,
      maxTokens: typeof body.max_tokens === 'number' ? body.max_tokens : undefined,
      promptTokens: promptTokens + (body.tools ? Math.ceil(JSON.stringify(body.tools).length / 4) : 0),
    },
  };
}
