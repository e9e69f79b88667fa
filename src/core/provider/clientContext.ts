/**
 * What every client operation shares: the SDK instance, the profile, the key,
 * and one way of turning failures into StepErrors (with the region check on 401).
 */
import OpenAI from 'openai';
import { StepError } from './errors';
import { toStepError, type ErrorContext } from './errorMapping';
import { capturingFetch, type CapturingFetch, type FetchLike } from './httpCapture';
import type { Limiter } from './limiter';
import type { ResolvedProfile } from './profiles';
import { RegionDiagnoser, sdkRegionProbe } from './region';
import type { RetryOptions } from './retry';

export interface StepClientOptions {
  profile: ResolvedProfile;
  apiKey?: string;
  /** Shared per profile so that all chats respect one rate limit. */
  limiter?: Limiter;
  retry?: RetryOptions;
  /** Shared so a key's region is probed once per session. */
  regionDiagnoser?: RegionDiagnoser;
  fetch?: FetchLike;
  /** Longest wait for response headers. Default 120 s for streams, 600 s otherwise. */
  firstByteTimeoutMs?: number;
  /** Longest silence between stream chunks before giving up. Default 120 s. */
  idleTimeoutMs?: number;
  now?: () => number;
}

export interface ClientContext {
  profile: ResolvedProfile;
  apiKey: string | undefined;
  sdk: OpenAI;
  capture: CapturingFetch;
  diagnoser: RegionDiagnoser;
  retry: RetryOptions;
  limiter: Limiter | undefined;
  firstByteTimeoutMs: number | undefined;
  idleTimeoutMs: number;
  now: () => number;
  innerFetch: FetchLike | undefined;
}

/** Self-hosted servers without --api-key accept any bearer token; the SDK insists on one. */
const PLACEHOLDER_KEY = 'no-key';

export function sdkFor(profile: ResolvedProfile, apiKey: string | undefined, fetchImpl: FetchLike, timeoutMs?: number): OpenAI {
  return new OpenAI({
    apiKey: apiKey || PLACEHOLDER_KEY,
    baseURL: profile.baseUrl,
    maxRetries: 0,
    fetch: fetchImpl,
    // The SDK would print unparsable chunks to the console; we report them as StepErrors instead.
    logLevel: 'off',
    ...(timeoutMs ? { timeout: timeoutMs } : {}),
    ...(profile.id === 'openrouter' ? { defaultHeaders: { 'X-Title': 'Step Flash' } } : {}),
  });
}

export function createContext(options: StepClientOptions): ClientContext {
  const capture = capturingFetch(options.fetch);
  const apiKey = options.apiKey?.trim() || undefined;
  return {
    profile: options.profile,
    apiKey,
    sdk: sdkFor(options.profile, apiKey, capture.fetch),
    capture,
    diagnoser: options.regionDiagnoser ?? new RegionDiagnoser(sdkRegionProbe(options.fetch)),
    retry: options.retry ?? {},
    limiter: options.limiter,
    firstByteTimeoutMs: options.firstByteTimeoutMs,
    idleTimeoutMs: options.idleTimeoutMs ?? 120_000,
    now: options.now ?? Date.now,
    innerFetch: options.fetch,
  };
}

/** Fails early, by name, when a provider that needs a key has none. */
export function requireKey(ctx: ClientContext): void {
  if (ctx.apiKey || !ctx.profile.keyRequired) return;
  throw new StepError({
    kind: 'unauthorized',
    title: 'No API key',
    message: `No API key is set for ${ctx.profile.label}. Run "Set API Key"${ctx.profile.keyUrl ? ` with a key from ${ctx.profile.keyUrl}` : ''}.`,
    actions: ['setApiKey'],
  });
}

export async function mapError(
  ctx: ClientContext,
  error: unknown,
  extra: Omit<ErrorContext, 'profile' | 'apiKey' | 'rawBody' | 'now'>,
  signal?: AbortSignal,
): Promise<StepError> {
  const headers = (error as { headers?: Headers } | null)?.headers;
  const errorContext: ErrorContext = { ...extra, profile: ctx.profile, now: ctx.now() };
  if (ctx.apiKey) errorContext.apiKey = ctx.apiKey;
  const rawBody = ctx.capture.bodyFor(headers instanceof Headers ? headers : undefined);
  if (rawBody !== undefined) errorContext.rawBody = rawBody;
  const mapped = toStepError(error, errorContext);
  if (mapped.kind === 'unauthorized' && mapped.status === 401 && ctx.profile.region && ctx.apiKey) {
    const diagnosed = await ctx.diagnoser.diagnose(ctx.profile, ctx.apiKey, mapped, signal);
    if (mapped.partial && !diagnosed.partial) diagnosed.partial = mapped.partial;
    return diagnosed;
  }
  return mapped;
}
