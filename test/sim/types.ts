/**
 * Contract of the Step API simulator (test code only). The client's unit tests,
 * the integration tests and the benchmarks all drive it through this API.
 * Behaviour follows docs/step-api-notes.md; where it marks a fact (unsure), the
 * simulator offers both variants through options.
 */

export type Flavour = 'stepfun' | 'openrouter' | 'vllm' | 'sglang';
export type Region = 'global' | 'china';
export type Tier = 'V0' | 'V1' | 'V2' | 'V3' | 'V4' | 'V5';

export interface SimToolCall {
  id?: string;
  name: string;
  /** JSON text; streamed in pieces when chunking. */
  arguments: string;
}

export type SimFault =
  /**
   * HTTP error status before any streaming. body 'empty' sends no body at all (the bare-401 case); 'nested' puts
   * the error object one level deeper, `{"error":{"error":{"message","code"},"code"}}` (some OpenRouter 402s).
   * `message` replaces the status's default message in the flavour's body (or the nested one).
   */
  | {
      kind: 'status';
      status: 400 | 401 | 402 | 404 | 429 | 451 | 500 | 503 | 504;
      body?: 'empty' | 'nested' | Record<string, unknown>;
      message?: string;
      retryAfterSeconds?: number;
      retryAfterMs?: number;
    }
  /**
   * The stream stops after `afterChunks` chunks with no finish_reason and no [DONE], and the socket closes.
   * By default the HTTP body ends cleanly (openai-node then finishes silently); `abrupt` destroys the socket
   * mid-body instead, so the reader sees a network error.
   */
  | { kind: 'cut'; afterChunks: number; abrupt?: boolean }
  /** A chunk whose JSON does not parse, after `afterChunks` chunks. */
  | { kind: 'malformed'; afterChunks: number }
  /** A `data: {"error": {...}}` frame with HTTP 200, after `afterChunks` chunks (OpenRouter/vLLM style). */
  | { kind: 'errorFrame'; afterChunks: number; message?: string }
  /** Destroys the socket without any HTTP response (connection reset). */
  | { kind: 'reset' };

export interface SimReply {
  content?: string;
  reasoning?: string;
  toolCalls?: SimToolCall[];
  /** Defaults to 'tool_calls' when toolCalls are given, else 'stop'. */
  finishReason?: 'stop' | 'length' | 'content_filter' | 'tool_calls';
  /** Reported prompt tokens (default: a rough count of the request), cached tokens on a cache hit. */
  promptTokens?: number;
  cachedTokens?: number;
  /** Tokens per chunk: a number or [min, max] (a token is ~4 characters here). Default 3. */
  tokensPerChunk?: number | [number, number];
  /** Delay between chunks, and before the first byte. Default 0. */
  chunkDelayMs?: number;
  firstByteDelayMs?: number;
  /** Send SSE comment lines (`: keepalive`, or `: OPENROUTER PROCESSING` on openrouter) between chunks. */
  keepAliveComments?: boolean;
  /** Intermediate finish_reason: null (default) or '' (the API reference's example). */
  midStreamFinishReason?: null | '';
  /** Omit `index` on tool-call deltas (the StepFun docs never show it). */
  omitToolCallIndex?: boolean;
  /**
   * 'parts' sends `content` as a list of parts instead of a string (Mistral-style servers): the answer as
   * `{type:"text",text}` and the reasoning as `{type:"thinking",thinking:[{type:"text",text}]}`, in the stream's
   * deltas and in the non-stream message. Default 'string'.
   */
  contentShape?: 'string' | 'parts';
  /** Splits every write of the response body into pieces of at most this many bytes, each flushed on its own. */
  writeBytes?: number;
  fault?: SimFault;
}

export interface RecordedRequest {
  method: string;
  path: string;
  region: Region;
  headers: Record<string, string>;
  /** Parsed JSON body for JSON requests; for multipart uploads, the fields (file bytes as length only). */
  body: unknown;
  time: number;
  /** Set once the exchange ends: true when the client closed the connection before the whole response was sent. */
  closedByClient?: boolean;
  /** A chat completion answered as the advisor (SimOptions.advisor), not as the executor. */
  advisor?: true;
}

/**
 * Flavours decide the wire shape of reasoning: stepfun `delta.reasoning` (or `reasoning_content` when the
 * request says reasoning_format "deepseek-style"), openrouter `delta.reasoning` + `delta.reasoning_details`
 * with `usage.cost` in the last chunk only and an X-Generation-Id header, vllm `delta.reasoning` with usage
 * only when stream_options.include_usage, sglang `delta.reasoning_content`. StepFun sends cumulative usage
 * on every chunk and an X-Trace-Id header.
 */
export interface SimOptions {
  flavour?: Flavour;
  /** Keys each region accepts. A key of one region gets a 401 on the other. Default: global ['sk-global-test'], china ['sk-china-test']. */
  keys?: Partial<Record<Region, string[]>>;
  /** 401 body when a key is refused: 'empty' (no body) or 'json' (the invalid_api_key body). Default 'json'. */
  unauthorizedBody?: 'empty' | 'json';
  /** Takes requests without a key, as a vLLM or SGLang server started without --api-key does (a wrong key is still refused). Default false. */
  keyless?: boolean;
  /** Enforce a tier's concurrency and requests-per-minute with 429s. Default: not enforced. */
  tier?: Tier;
  /** Clock for the tier windows and the prompt cache's time-to-live (tests run a minute faster by scaling it). Default Date.now. */
  now?: () => number;
  /** Models listed by GET /v1/models. Default: the flavour's ids (step-3.7-flash, step-3.5-flash; stepfun/… on openrouter; step3p7-flash on vllm/sglang). */
  models?: string[];
  /** Completion tokens per second the stream is paced at (0 = as fast as possible). Default 0. */
  tokensPerSecond?: number;
  /**
   * Reasoning-effort levels the server takes (vLLM flavours serving a model with other levels): any other
   * `reasoning_effort` gets a 400 "Unexpected reasoning effort X. Supported types are: …". Default: the API's own check.
   */
  effortLevels?: string[];
  /** Ports to listen on (0 = ephemeral, the default). */
  ports?: Partial<Record<Region, number>>;
  /**
   * The prefix-cache model (promptCache.ts, docs/simulator.md): repeated prompt prefixes of at least 256 tokens are
   * reported as cached (StepFun `usage.cached_tokens`, OpenRouter `prompt_tokens_details.cached_tokens`) unless a
   * reply scripts its own usage. On by default; false turns it off.
   */
  promptCache?: false | { ttlMs?: number; minTokens?: number; blockTokens?: number };
  /** Answers chat completions when the queue is empty and no respondWith is set. Default: a scripted reply echoing the last user message. */
  fallback?: (body: unknown, request: RecordedRequest) => SimReply;
  /**
   * Serves an advisor (advisor.ts): a chat completion naming a model that is not one of `models` is answered under
   * that id, from the advisor queue (Simulator.enqueueAdvisor) first, then by this function (true: advisorReply).
   * Default off: an unknown model is refused as the flavour refuses it.
   */
  advisor?: true | ((body: unknown, request: RecordedRequest) => SimReply);
}

export interface Simulator {
  /** Base URL including /v1 for a region's host, e.g. http://127.0.0.1:PORT/v1. */
  url(region?: Region): string;
  /** Queue replies for the next chat completions, in order; when the queue is empty, `fallback` answers. */
  enqueue(...replies: SimReply[]): void;
  /** Queue replies for the next advisor requests (SimOptions.advisor), apart from the executor's queue. */
  enqueueAdvisor(...replies: SimReply[]): void;
  /** Answer every chat completion with this function (overrides the queue). */
  respondWith(fn: ((body: unknown, request: RecordedRequest) => SimReply) | undefined): void;
  /** Every request received, in order (chat, models, files, …). */
  readonly requests: RecordedRequest[];
  /** Files uploaded through /v1/files, by id. */
  readonly files: Map<string, { id: string; filename: string; purpose: string; bytes: number; data: Buffer }>;
  reset(): void;
  close(): Promise<void>;
}
