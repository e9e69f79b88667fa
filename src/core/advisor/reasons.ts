/** Why the advisor was asked, and how each reason reads in the chat's step title. */
export type AdvisorReason = 'plan' | 'tool' | 'step-limit' | 'repeated-error' | 'repair' | 'user';

const WHY: Readonly<Record<AdvisorReason, string>> = {
  plan: 'asked for a plan',
  tool: 'the executor asked',
  'step-limit': 'the step limit was reached',
  'repeated-error': 'the same tool error repeated',
  repair: 'the repair turn failed',
  user: 'you asked (/advise)',
};

export function whyAsked(reason: AdvisorReason): string {
  return WHY[reason];
}

export function stepTitle(model: string, reason: AdvisorReason): string {
  return `Advisor · ${model} · ${whyAsked(reason)}`;
}

/** Commands heavy enough that the advisor plans them first (the others start right away). */
export const PLANNED_INTENTS: ReadonlySet<string> = new Set(['refactor', 'screenshotToCode']);
