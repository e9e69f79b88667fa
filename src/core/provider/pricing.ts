/**
 * What a request cost. Prices are StepFun's published USD list prices per
 * million tokens (docs/step-api-notes.md, "Usage and cost"); OpenRouter's own `usage.cost` wins when it is
 * sent. An unknown model has no cost rather than a guessed one.
 */
import type { Usage } from './types';

export interface Price {
  inputPerM: number;
  cachedInputPerM: number;
  outputPerM: number;
}

export const PRICES: Readonly<Record<string, Price>> = {
  'step-3.7-flash': { inputPerM: 0.2, cachedInputPerM: 0.04, outputPerM: 1.15 },
  'step-3.5-flash': { inputPerM: 0.1, cachedInputPerM: 0.02, outputPerM: 0.3 },
  'step-3.5-flash-2603': { inputPerM: 0.1, cachedInputPerM: 0.02, outputPerM: 0.3 },
};

/** Names vLLM/SGLang commands serve the weights under (docs/step-api-notes.md, "vLLM and SGLang"). */
const SERVED_NAMES: Readonly<Record<string, string>> = {
  step3p7: 'step-3.7-flash',
  'step3p7-flash': 'step-3.7-flash',
  'step3p7-flash-bf16': 'step-3.7-flash',
  'step3p7-flash-fp8': 'step-3.7-flash',
  'step3p7-flash-nvfp4': 'step-3.7-flash',
  'step3p5-flash': 'step-3.5-flash',
};

export type CostInfo =
  | { usd: number; source: 'provider' | 'price-table' | 'free-variant'; model: string }
  | { usd: undefined; source: 'unknown'; model: string; reason: string };

/** Canonical price-table id for a model id, or undefined when we do not know its price. */
export function canonicalModel(model: string): string | undefined {
  let id = model.trim().toLowerCase();
  id = id.slice(id.lastIndexOf('/') + 1);
  id = id.replace(/:[a-z0-9-]+$/, '');
  if (SERVED_NAMES[id]) return SERVED_NAMES[id];
  if (PRICES[id]) return id;
  const undated = id.replace(/-\d{8}$/, '');
  if (PRICES[undated]) return undated;
  return undefined;
}

export function priceFor(model: string): Price | undefined {
  const id = canonicalModel(model);
  return id ? PRICES[id] : undefined;
}

export function costOf(usage: Usage | undefined, model: string): CostInfo {
  if (usage?.providerCostUsd !== undefined) return { usd: usage.providerCostUsd, source: 'provider', model };
  if (!usage) return { usd: undefined, source: 'unknown', model, reason: 'The server did not report token usage.' };
  if (/:free$/i.test(model.trim())) return { usd: 0, source: 'free-variant', model };
  const price = priceFor(model);
  if (!price) return { usd: undefined, source: 'unknown', model, reason: `No price is known for the model "${model}".` };
  const cached = Math.min(usage.cachedTokens, usage.promptTokens);
  const usd = ((usage.promptTokens - cached) * price.inputPerM + cached * price.cachedInputPerM + usage.completionTokens * price.outputPerM) / 1_000_000;
  return { usd, source: 'price-table', model };
}
