/**
 * Provider profiles: everything that differs between StepFun's two regions,
 * OpenRouter and a self-hosted endpoint, resolved once from settings so the
 * request path never branches on raw setting values.
 */
import type { EffortLevel } from '../../shared/protocol';
import { normalizeBaseUrl } from './baseUrl';
import { StepError } from './errors';
import { isTier, TIERS, type Tier } from './tiers';

export type ProviderId = 'stepfun-global' | 'stepfun-china' | 'openrouter' | 'custom';
export const PROVIDER_IDS: readonly ProviderId[] = ['stepfun-global', 'stepfun-china', 'openrouter', 'custom'];

/** How a profile tells the model how hard to think. */
export type EffortStyle = 'reasoning_effort' | 'openrouter-reasoning' | 'none';
export type StepRegion = 'global' | 'china';

interface ProfileDefaults {
  label: string;
  baseUrl: string;
  model: string;
  region?: StepRegion;
  host: string;
  topUpUrl?: string;
  keyUrl?: string;
}

export const PROFILE_DEFAULTS: Readonly<Record<ProviderId, ProfileDefaults>> = {
  'stepfun-global': {
    label: 'StepFun (global, api.stepfun.ai)',
    baseUrl: 'https://api.stepfun.ai/v1',
    model: 'step-3.7-flash',
    region: 'global',
    host: 'api.stepfun.ai',
    topUpUrl: 'https://platform.stepfun.ai/',
    keyUrl: 'https://platform.stepfun.ai/',
  },
  'stepfun-china': {
    label: 'StepFun (China, api.stepfun.com)',
    baseUrl: 'https://api.stepfun.com/v1',
    model: 'step-3.7-flash',
    region: 'china',
    host: 'api.stepfun.com',
    topUpUrl: 'https://platform.stepfun.com/',
    keyUrl: 'https://platform.stepfun.com/',
  },
  openrouter: {
    label: 'OpenRouter',
    baseUrl: 'https://openrouter.ai/api/v1',
    model: 'stepfun/step-3.7-flash',
    host: 'openrouter.ai',
    topUpUrl: 'https://openrouter.ai/settings/credits',
    keyUrl: 'https://openrouter.ai/settings/keys',
  },
  custom: { label: 'Custom endpoint', baseUrl: '', model: 'step3p7-flash', host: '' },
};

export interface ProviderSettings {
  provider: ProviderId;
  /** Overrides the profile's default base URL (required for custom). */
  baseUrl?: string;
  model?: string;
  /** Custom endpoints only: whether the served model accepts images. */
  vision?: boolean;
  /** Custom endpoints only: false when the server rejects `reasoning_effort`. */
  sendEffort?: boolean;
  /** StepFun account tier, for client-side rate limiting. */
  tier?: Tier;
}

/** Base URLs that replace a profile's default, e.g. the simulator in tests or a corporate proxy. */
export type BaseUrlOverrides = Partial<Record<ProviderId, string>>;

export interface ResolvedProfile {
  id: ProviderId;
  label: string;
  baseUrl: string;
  model: string;
  effortStyle: EffortStyle;
  supportsImages: boolean;
  supportsVideo: boolean;
  /** Set for the two StepFun profiles. */
  region?: StepRegion;
  /** The other StepFun region, probed when a key is refused. */
  alternate?: { id: ProviderId; baseUrl: string; host: string };
  /** The public host name for messages ("api.stepfun.ai"), or the URL's host for custom. */
  host: string;
  tier?: Tier;
  topUpUrl?: string;
  keyUrl?: string;
  /** Self-hosted servers often run without a key. */
  keyRequired: boolean;
  /** vLLM/SGLang send usage in streams only when asked. */
  requestStreamUsage: boolean;
  /** The effort levels this endpoint said it accepts, when it refused another; unset means all three. */
  effortLevels?: EffortLevel[];
}

export function isProviderId(value: unknown): value is ProviderId {
  return typeof value === 'string' && (PROVIDER_IDS as readonly string[]).includes(value);
}

function settingsError(message: string): StepError {
  return new StepError({
    kind: 'bad-request',
    title: 'Provider settings need attention',
    message,
    actions: ['openSettings'],
  });
}

function baseUrlFor(id: ProviderId, raw: string | undefined, overrides: BaseUrlOverrides): string {
  const source = overrides[id] ?? (raw?.trim() ? raw : PROFILE_DEFAULTS[id].baseUrl);
  const result = normalizeBaseUrl(source, id);
  if (!result.ok) throw settingsError(result.message);
  return result.url;
}

/** Resolves settings into a profile; throws a StepError (openSettings) naming the bad setting. */
export function resolveProfile(settings: ProviderSettings, overrides: BaseUrlOverrides = {}): ResolvedProfile {
  if (!isProviderId(settings.provider)) {
    throw settingsError(`Unknown provider "${String(settings.provider)}". Choose one of: ${PROVIDER_IDS.join(', ')}.`);
  }
  const id = settings.provider;
  const defaults = PROFILE_DEFAULTS[id];
  const baseUrl = baseUrlFor(id, settings.baseUrl, overrides);
  const model = settings.model?.trim() || defaults.model;
  if (/\s/.test(model)) throw settingsError(`The model name "${model}" contains spaces.`);
  const stepfun = defaults.region !== undefined;
  const profile: ResolvedProfile = {
    id,
    label: id === 'custom' ? `Custom endpoint (${new URL(baseUrl).host})` : defaults.label,
    baseUrl,
    model,
    effortStyle: id === 'openrouter' ? 'openrouter-reasoning' : id === 'custom' && settings.sendEffort === false ? 'none' : 'reasoning_effort',
    supportsImages: id === 'custom' ? settings.vision === true : true,
    supportsVideo: stepfun,
    host: defaults.host || new URL(baseUrl).host,
    keyRequired: id !== 'custom',
    requestStreamUsage: id === 'custom',
  };
  if (defaults.region) profile.region = defaults.region;
  if (defaults.topUpUrl) profile.topUpUrl = defaults.topUpUrl;
  if (defaults.keyUrl) profile.keyUrl = defaults.keyUrl;
  if (stepfun && settings.tier) {
    // The settings UI offers only V0–V5, but settings.json can hold anything.
    if (!isTier(settings.tier)) throw settingsError(`Unknown rate tier "${String(settings.tier)}". Choose one of: ${TIERS.join(', ')}.`);
    profile.tier = settings.tier;
  }
  if (stepfun) {
    const otherId: ProviderId = id === 'stepfun-global' ? 'stepfun-china' : 'stepfun-global';
    profile.alternate = { id: otherId, baseUrl: baseUrlFor(otherId, undefined, overrides), host: PROFILE_DEFAULTS[otherId].host };
  }
  return profile;
}
