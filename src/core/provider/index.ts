/** The provider layer's public surface: import from here, not from the files behind it. */
export { normalizeBaseUrl, type BaseUrlResult } from './baseUrl';
export { createStepClient, type StepClient, type StepClientOptions } from './client';
export { diagnosticsFor, formatDiagnostics, type DiagnosticsInput } from './diagnostics';
export { toStepError, type ErrorContext } from './errorMapping';
export { ACTION_LABELS, cancelledError, isStepError, StepError, type PartialAnswer, type StepErrorKind } from './errors';
export { createLimiter, createLimiterRegistry, limiterForTier, systemClock, type AcquireOptions, type Clock, type Limiter, type Permit } from './limiter';
export type { ModelList } from './models';
export { canonicalModel, costOf, priceFor, PRICES, SessionCost, type CostInfo, type CostTotals, type Price } from './pricing';
export {
  isProviderId,
  PROFILE_DEFAULTS,
  PROVIDER_IDS,
  resolveProfile,
  type BaseUrlOverrides,
  type EffortStyle,
  type ProviderId,
  type ProviderSettings,
  type ResolvedProfile,
  type StepRegion,
} from './profiles';
export { keyFingerprint, RegionDiagnoser, sdkRegionProbe, type RegionProbe } from './region';
export { backoffMs, parseRetryAfter, withRetry, type RetryInfo, type RetryOptions, type Sleep } from './retry';
export { effortForModel } from './requestBody';
export { StreamAccumulator } from './stream';
export { isTier, TIER_LIMITS, TIERS, type Tier, type TierLimits } from './tiers';
export type { ChatMessage, ChatRequest, ChatResult, ContentPart, FinishReason, StreamHandlers, ToolCall, ToolDefinition, Usage } from './types';
export { MAX_UPLOAD_BYTES, type UploadedFile, type UploadInput, type UploadProgress } from './upload';
export { validateKey, type KeyCheck } from './validateKey';
