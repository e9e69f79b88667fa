import type { ChatMessage } from '../provider/types';
import { transcript } from './prompt';
import { PLANNED_INTENTS } from './reasons';
import type { AdvisorSink, TaskAdvisor } from './task';

/**
 * Planning time for the heavy commands (Refactor, Screenshot to Code): the
 * advisor writes a short plan, which the executor receives after its task. An
 * advisor that is on but not set up says so in a step; one that fails leaves the
 * messages as they were.
 */
export async function planWithAdvisor(advisor: TaskAdvisor, request: { intent: string; display: string }, messages: ChatMessage[], sink: AdvisorSink): Promise<ChatMessage[]> {
  if (!PLANNED_INTENTS.has(request.intent) || advisor.kind === 'off') return messages;
  if (advisor.kind === 'blocked') {
    sink.step({ title: 'Advisor · not asked', detail: `${advisor.reason} The command goes on without a plan.` });
    return messages;
  }
  const plan = await advisor.task.consult({ reason: 'plan', question: request.display, context: transcript(messages) });
  return plan.ok ? [...messages, { role: 'user', content: plan.forExecutor }] : messages;
}
