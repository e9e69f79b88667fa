/** The provider layer's public surface: import from here, not from the files behind it. */
export { normalizeBaseUrl } from './baseUrl';
export { createStepClient, type StepClient } from './client';
export { diagnosticsFor } from './diagnostics';
export { StepError } from './errors';
export { createLimiterRegistry, systemClock, type Clock } from './limiter';
export {
  PROFILE_DEFAULTS,
  PROVIDER_IDS,
  resolveProfile,
  type ProviderId,
  type ResolvedProfile,
} from './profiles';
export { RegionDiagnoser } from './region';
export type { ChatMessage, ChatRequest, ChatResult, ToolDefinition } from './types';
export { validateKey } from './validateKey';
