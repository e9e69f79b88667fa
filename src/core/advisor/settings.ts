/**
 * The advisor profile: which provider and model advise the executor, how often
 * per task, and how long a consultation may take. Read from settings by the
 * adapter (src/vscode/advisor/advisorSettings.ts); checked here so a bad value
 * is reported in words, never sent.
 */
import { isProviderId, type ProviderId } from '../provider/profiles';

export interface AdvisorPrice {
  inputPerM: number;
  outputPerM: number;
}

export interface AdvisorSettings {
  enabled: boolean;
  provider: ProviderId;
  model: string;
  maxCallsPerTask: number;
  timeoutSeconds: number;
  /** USD per million tokens, for a model whose price neither the provider nor the price table knows. */
  price?: AdvisorPrice;
}

export const ADVISOR_DEFAULTS: Readonly<Omit<AdvisorSettings, 'provider' | 'model'>> = { enabled: false, maxCallsPerTask: 3, timeoutSeconds: 60 };

export type AdvisorReadiness = { ok: true } | { ok: false; reason: string };

/** Whether consultations may be sent at all; the reason names the setting to change. */
export function advisorReadiness(settings: AdvisorSettings): AdvisorReadiness {
  if (!settings.enabled) return { ok: false, reason: 'The advisor is off (stepFlash.advisor.enabled).' };
  if (!isProviderId(settings.provider)) return { ok: false, reason: `stepFlash.advisor.provider "${String(settings.provider)}" is not a provider Step Flash knows.` };
  if (!settings.model.trim()) return { ok: false, reason: 'stepFlash.advisor.model is empty: name the model that should advise.' };
  if (/\s/.test(settings.model.trim())) return { ok: false, reason: `stepFlash.advisor.model "${settings.model}" contains spaces.` };
  if (!(settings.maxCallsPerTask >= 1)) return { ok: false, reason: 'stepFlash.advisor.maxCallsPerTask is below 1, so the advisor is never asked.' };
  return { ok: true };
}

/** A price setting is used only when both figures are non-negative numbers. */
export function parsePrice(value: unknown): AdvisorPrice | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { input, output } = value as Record<string, unknown>;
  if (typeof input !== 'number' || typeof output !== 'number' || !(input >= 0) || !(output >= 0)) return undefined;
  return { inputPerM: input, outputPerM: output };
}

/** A request's dollars: the provider's or the price table's figure, else the advisor's price setting, else unknown. */
export function advisorCostUsd(known: number | undefined, usage: { promptTokens: number; completionTokens: number } | undefined, price: AdvisorPrice | undefined): number | undefined {
  if (known !== undefined) return known;
  if (!usage || !price) return undefined;
  return (usage.promptTokens * price.inputPerM + usage.completionTokens * price.outputPerM) / 1_000_000;
}
