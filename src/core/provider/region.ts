/**
 * StepFun keys work only on the platform that issued them, and both regions
 * return the same 401 body, so the body cannot tell a wrong key from a wrong
 * region. On a 401 we ask the other region once (GET /models) and say which it is.
 * The cache is keyed by a hash of the key: the key itself is never stored here.
 */
import { createHash } from 'node:crypto';
import OpenAI, { APIError } from 'openai';
import { StepError } from './errors';
import type { FetchLike } from './httpCapture';
import { PROFILE_DEFAULTS, type ResolvedProfile } from './profiles';

/** true: the key works there; false: refused there; undefined: could not tell (network). */
export type RegionProbe = (baseUrl: string, apiKey: string, signal?: AbortSignal) => Promise<boolean | undefined>;

export function keyFingerprint(apiKey: string): string {
  return createHash('sha256').update(apiKey).digest('hex').slice(0, 32);
}

export function sdkRegionProbe(fetchImpl?: FetchLike): RegionProbe {
  return async (baseUrl, apiKey, signal) => {
    const sdk = new OpenAI({ apiKey, baseURL: baseUrl, maxRetries: 0, timeout: 15_000, logLevel: 'off', ...(fetchImpl ? { fetch: fetchImpl } : {}) });
    try {
      await sdk.models.list(signal ? { signal } : undefined);
      return true;
    } catch (error) {
      if (error instanceof APIError && (error.status === 401 || error.status === 403)) return false;
      return undefined;
    }
  };
}

export class RegionDiagnoser {
  private readonly cache = new Map<string, boolean>();

  constructor(private readonly probe: RegionProbe = sdkRegionProbe()) {}

  /** Probes made so far that were answered definitively (for tests and logs). */
  get cachedProbes(): number {
    return this.cache.size;
  }

  /**
   * Given the 401 `original` from `profile`, returns the error to show: a
   * region mismatch, "valid on neither platform", or `original` if it cannot tell.
   */
  async diagnose(profile: ResolvedProfile, apiKey: string, original: StepError, signal?: AbortSignal): Promise<StepError> {
    const alternate = profile.alternate;
    if (!alternate || !profile.region || !apiKey) return original;
    const cacheKey = `${keyFingerprint(apiKey)}|${alternate.id}|${alternate.baseUrl}`;
    let works = this.cache.get(cacheKey);
    if (works === undefined) {
      works = await this.probe(alternate.baseUrl, apiKey, signal);
      if (works !== undefined) this.cache.set(cacheKey, works);
    }
    const base = { status: 401, ...(original.traceId ? { traceId: original.traceId } : {}) };
    const otherLabel = alternate.id === 'stepfun-china' ? 'China' : 'global';
    if (works === true) {
      return new StepError({
        ...base,
        kind: 'region-mismatch',
        title: 'Key is for the other region',
        message: `This key belongs to the ${otherLabel} platform (${alternate.host}), but Step Flash is set to ${profile.label}. Switch the region to use it.`,
        actions: ['switchRegion', 'setApiKey'],
        targetProvider: alternate.id,
      });
    }
    if (works === false) {
      const thisKeys = profile.keyUrl ?? PROFILE_DEFAULTS[profile.id].keyUrl;
      return new StepError({
        ...base,
        kind: 'unauthorized',
        title: 'API key not valid',
        message: `This key is not valid on either StepFun platform (${profile.host} or ${alternate.host}). Create a key at ${thisKeys} and set it with "Set API Key".`,
        actions: ['setApiKey', 'copyDiagnostics'],
      });
    }
    return original;
  }
}
