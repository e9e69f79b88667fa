/**
 * What Step Flash tells VS Code about its language models: one entry per configured
 * provider, the real limits, the effort a request asks for, and errors in words a
 * consumer that has no buttons can act on.
 */
import type { EffortLevel } from '../../shared/protocol';
import { CONTEXT_TOKENS, OUTPUT_RESERVE_TOKENS } from '../chat/budget';
import type { StepError } from '../provider/errors';
import { canonicalModel } from '../provider/pricing';
import { PROVIDER_IDS, type ProviderId, type ResolvedProfile } from '../provider/profiles';

/** The effort used when a request names none: the docs' recommended default for Step 3.7 Flash. */
const DEFAULT_LM_EFFORT: EffortLevel = 'medium';

/** The model-configuration key VS Code's model picker offers (see effortSchema) and modelOptions may carry. */
const EFFORT_OPTION = 'reasoningEffort';

export interface LmModelInfo {
  id: string;
  name: string;
  family: string;
  version: string;
  detail: string;
  tooltip: string;
  maxInputTokens: number;
  maxOutputTokens: number;
  capabilities: { imageInput: boolean; toolCalling: boolean };
  provider: ProviderId;
}

/**
 * Which providers get an entry: the selected one always (so a missing key is an error the
 * user reads, not a model that silently vanished), and every other one with a stored key.
 */
export function listedProviders(selected: ProviderId, withKey: ReadonlySet<ProviderId>): ProviderId[] {
  return PROVIDER_IDS.filter((id) => id === selected || withKey.has(id));
}

const SHORT_LABELS: Readonly<Record<ProviderId, string>> = {
  'stepfun-global': 'StepFun global',
  'stepfun-china': 'StepFun China',
  openrouter: 'OpenRouter',
  custom: 'Custom endpoint',
};

function displayName(model: string): string {
  const canonical = canonicalModel(model);
  const match = canonical && /^step-(\d+\.\d+)-flash(-\d+)?$/.exec(canonical);
  return match ? `Step ${match[1]} Flash${match[2] ? ` (${match[2].slice(1)})` : ''}` : model;
}

export function modelInfo(profile: ResolvedProfile, keyPresent: boolean): LmModelInfo {
  const keyNote = !keyPresent && profile.keyRequired ? ' No API key is set yet: run "Step Flash: Set API Key".' : '';
  return {
    id: `${profile.id}:${profile.model}`,
    name: displayName(profile.model),
    family: canonicalModel(profile.model) ?? profile.model,
    version: profile.model,
    detail: profile.id === 'custom' ? `${SHORT_LABELS.custom} (${profile.host})` : SHORT_LABELS[profile.id],
    tooltip: `${profile.model} on ${profile.label}, through the Step Flash extension.${keyNote}`,
    maxInputTokens: CONTEXT_TOKENS - OUTPUT_RESERVE_TOKENS,
    maxOutputTokens: OUTPUT_RESERVE_TOKENS,
    capabilities: { imageInput: profile.supportsImages, toolCalling: true },
    provider: profile.id,
  };
}

/**
 * The per-model option VS Code's chat shows in its model picker where the editor supports
 * model configuration (its value then arrives as the request's model configuration).
 */
export function effortSchema(): Record<string, unknown> {
  return {
    type: 'object',
    properties: {
      [EFFORT_OPTION]: {
        type: 'string',
        title: 'Thinking Effort',
        enum: ['low', 'medium', 'high'],
        enumItemLabels: ['Low', 'Medium', 'High'],
        enumDescriptions: ['Quick answers, little reasoning', 'The recommended default', 'Careful reasoning for hard problems'],
        default: DEFAULT_LM_EFFORT,
        group: 'navigation',
      },
    },
  };
}

const LEVELS: readonly string[] = ['low', 'medium', 'high'];

function levelIn(options: Readonly<Record<string, unknown>> | undefined): EffortLevel | undefined {
  if (!options) return undefined;
  for (const key of [EFFORT_OPTION, 'reasoning_effort', 'effort']) {
    const value = options[key];
    if (typeof value === 'string' && LEVELS.includes(value.toLowerCase())) return value.toLowerCase() as EffortLevel;
  }
  const reasoning = options.reasoning as { effort?: unknown } | undefined;
  if (typeof reasoning?.effort === 'string' && LEVELS.includes(reasoning.effort)) return reasoning.effort as EffortLevel;
  return undefined;
}

/** The caller's modelOptions win, then the user's choice in the model picker, then medium. */
export function effortFrom(modelOptions: Readonly<Record<string, unknown>> | undefined, configuration: Readonly<Record<string, unknown>> | undefined): EffortLevel {
  return levelIn(modelOptions) ?? levelIn(configuration) ?? DEFAULT_LM_EFFORT;
}

/** Sampling options a calling extension may pass in modelOptions, named as the wire or as camelCase. */
export function samplingFrom(modelOptions: Readonly<Record<string, unknown>> | undefined): { maxTokens?: number; temperature?: number; topP?: number } {
  const out: { maxTokens?: number; temperature?: number; topP?: number } = {};
  if (!modelOptions) return out;
  const num = (...keys: string[]) => keys.map((k) => modelOptions[k]).find((v): v is number => typeof v === 'number');
  const maxTokens = num('maxTokens', 'max_tokens');
  const temperature = num('temperature');
  const topP = num('topP', 'top_p');
  if (maxTokens !== undefined) out.maxTokens = maxTokens;
  if (temperature !== undefined) out.temperature = temperature;
  if (topP !== undefined) out.topP = topP;
  return out;
}

/** What the buttons of the chat view would have done, said as steps for a consumer without them. */
function nextSteps(error: StepError): string[] {
  const steps: string[] = [];
  for (const action of error.actions) {
    if (action === 'setApiKey') steps.push('run "Step Flash: Set API Key"');
    else if (action === 'switchRegion' && error.targetProvider) steps.push(`run "Step Flash: Choose Provider / Region" and pick ${SHORT_LABELS[error.targetProvider]}`);
    else if (action === 'openTopUp' && error.topUpUrl) steps.push(`top up at ${error.topUpUrl}`);
    else if (action === 'openSettings') steps.push('check Settings › Step Flash');
    else if (action === 'stopSendingEffort') steps.push('turn off stepFlash.customSendEffort');
    else if (action === 'useSupportedEffort' && error.effortRejected?.supported.length) steps.push(`pick the effort ${error.effortRejected.supported.join(' or ')} in the model options`);
  }
  return steps;
}

/** The sentence a language-model consumer shows: our title and message, the wait, and what to do. */
export function lmErrorText(error: StepError): string {
  let text = `${error.title}: ${error.message}`;
  if (error.kind === 'rate-limited' && error.retryAfterMs !== undefined && !/wait \d+ s/.test(text)) {
    text += ` Wait ${Math.ceil(error.retryAfterMs / 1000)} s before retrying.`;
  }
  const steps = nextSteps(error);
  if (steps.length) text += ` (Step Flash: ${steps.join('; ')}.)`;
  if (error.traceId) text += ` Trace id ${error.traceId}.`;
  return text;
}
