// Imports the profile modules themselves, not core/provider's index: activation's bundle (the network
// warm-up in ./networkWarmUp.ts) resolves a profile without loading the client and its SDK.
import { resolveProfile, type BaseUrlOverrides, type ResolvedProfile } from '../../core/provider/profiles';
import type { SettingsSnapshot } from '../settings';

/**
 * Base URLs that replace the profiles' defaults, from STEP_FLASH_BASE_URL_OVERRIDES
 * (JSON: {"stepfun-global": "http://127.0.0.1:1234/v1", …}). Used to point the
 * extension at a proxy or at the test simulator; read on every request.
 */
export function baseUrlOverrides(env: NodeJS.ProcessEnv = process.env): BaseUrlOverrides {
  const raw = env.STEP_FLASH_BASE_URL_OVERRIDES;
  if (!raw) return {};
  try {
    const parsed = JSON.parse(raw) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as BaseUrlOverrides) : {};
  } catch {
    return {};
  }
}

export function profileFrom(settings: SettingsSnapshot, overrides = baseUrlOverrides()): ResolvedProfile {
  const custom = settings.provider === 'custom';
  return resolveProfile(
    {
      provider: settings.provider,
      ...(custom ? { baseUrl: settings.customBaseUrl } : {}),
      model: settings.model || (custom ? settings.customModel : ''),
      vision: settings.customVision,
      sendEffort: settings.customSendEffort,
      tier: settings.rateTier,
    },
    overrides,
  );
}
