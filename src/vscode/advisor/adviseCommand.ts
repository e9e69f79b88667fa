import { adviseRequest, DEFAULT_ADVISE_QUESTION, transcript } from '../../core/advisor';
import type { ChatCommand } from '../chat/turnTypes';
import type { AdvisorService } from './advisorService';

/**
 * `/advise [question]` in the chat: the advisor is asked about the conversation,
 * then the executor answers with that advice in hand. With the advisor off or not
 * set up, the step says so and the executor answers alone: nothing is sent to an
 * advisor.
 */
export function adviseCommand(advisor: AdvisorService): ChatCommand {
  return (text) => {
    const question = adviseRequest(text);
    if (question === undefined) return undefined;
    const prompt = question || DEFAULT_ADVISE_QUESTION;
    return {
      prompt,
      run: async (ctx) => {
        let messages = ctx.messages;
        const got = advisor.forTask(ctx.advisor, ctx.task, ctx.signal);
        if (got.kind === 'ready') {
          const consultation = await got.task.consult({ reason: 'user', question: prompt, context: transcript(ctx.messages) });
          messages = [...ctx.messages, { role: 'user', content: consultation.forExecutor }];
        } else {
          const reason = got.kind === 'off' ? 'The advisor is off: turn on stepFlash.advisor.enabled and set stepFlash.advisor.model.' : got.reason;
          ctx.advisor.step({ title: 'Advisor · not asked', detail: `${reason} The model answers alone.` });
        }
        const result = await ctx.ask(messages);
        return { text: result.answerText, stopped: result.stopped };
      },
    };
  };
}
