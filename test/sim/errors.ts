/**
 * Error bodies in each flavour's own shape (docs/step-api-notes.md, "Errors"), so the client's
 * error parsing is exercised against what each backend really sends.
 */
import type { Flavour } from './types';

export interface ApiError {
  status: number;
  message: string;
  /** StepFun-style type, e.g. request_params_invalid; other flavours derive their own. */
  type: string;
  param?: string | null;
}

const DEFAULTS: Record<number, { message: string; type: string }> = {
  400: { message: 'Invalid request parameters', type: 'request_params_invalid' },
  401: { message: 'Incorrect API key provided', type: 'invalid_api_key' },
  402: { message: 'Insufficient account balance', type: 'insufficient_balance' },
  404: { message: 'Not found', type: 'not_found' },
  429: { message: 'Rate limit reached, please retry later', type: 'rate_limit_exceeded' },
  451: { message: 'The request or response was blocked by content moderation', type: 'content_filter' },
  500: { message: 'Internal server error', type: 'server_error' },
  503: { message: 'The service is overloaded, please retry later', type: 'service_unavailable' },
  504: { message: 'The upstream model timed out', type: 'gateway_timeout' },
};

export function defaultError(status: number): ApiError {
  const d = DEFAULTS[status] ?? { message: `HTTP ${status}`, type: 'error' };
  return { status, ...d };
}

/** vLLM's exception class names, which its ErrorResponse puts in `type`. */
function vllmType(status: number): string {
  if (status === 400) return 'BadRequestError';
  if (status === 401) return 'Unauthorized';
  if (status === 404) return 'NotFoundError';
  if (status === 429) return 'RateLimitError';
  return status >= 500 ? 'InternalServerError' : 'Error';
}

export function errorBody(flavour: Flavour, e: ApiError): Record<string, unknown> {
  switch (flavour) {
    case 'stepfun':
      return { error: { message: e.message, type: e.type } };
    case 'openrouter':
      return { error: { code: e.status, message: e.message, metadata: { provider_name: null } } };
    case 'vllm':
    case 'sglang':
      return { object: 'error', message: e.message, type: vllmType(e.status), param: e.param ?? null, code: e.status };
  }
}

/** The error object one level deeper than usual, as OpenRouter sends some 402s: `{error:{error:{message,code},code}}`. */
export function nestedErrorBody(e: ApiError): Record<string, unknown> {
  return { error: { error: { message: e.message, code: e.status }, code: e.status } };
}

/** The payload of a mid-stream `data: {...}` error frame, per flavour. */
export function errorFrame(flavour: Flavour, message: string, base: Record<string, unknown>): Record<string, unknown> {
  if (flavour === 'openrouter') {
    return {
      ...base,
      error: { code: 'server_error', message },
      choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error', native_finish_reason: 'error' }],
    };
  }
  if (flavour === 'stepfun') return { error: { message, type: 'server_error' } };
  return { error: { object: 'error', message, type: 'InternalServerError', param: null, code: 500 } };
}
