/**
 * One task's advisor: consultations within the per-task limit, each shown as an
 * advisor step with its own tokens and dollars, and each failure (unreachable,
 * refused, too slow) turned into words the executor and the user read, so the
 * task goes on without advice instead of breaking.
 */
import type { ChatMessage, ToolDefinition } from '../provider/types';
import type { UsageView } from '../../shared/turnViews';
import { adviceForExecutor, advisorMessages, ASK_ADVISOR_TOOL, noAdviceForExecutor, transcript, type AdvisorQuestion } from './prompt';
import { stepTitle } from './reasons';

export interface AdvisorReply {
  text: string;
  /** The model that answered, as the provider named it. */
  model: string;
  usage: UsageView;
  /** False when no price is known for the model: its dollars are shown as unknown, not as $0. */
  priced: boolean;
}

/** The advisor endpoint, built by the adapter: one request, thrown errors as the client throws them. */
export interface AdvisorPort {
  readonly model: string;
  ask(messages: ChatMessage[], signal: AbortSignal): Promise<AdvisorReply>;
}

export interface AdvisorStepView {
  id?: string;
  title: string;
  detail?: string;
  usage?: UsageView;
}

/** Where a task's consultations show: advisor steps of its turn, and the turn's usage. */
export interface AdvisorSink {
  /** Shows an advisor step, or replaces the one with the same id; returns its id. */
  step(step: AdvisorStepView): string;
  usage(usage: UsageView, model: string): void;
}

export type Consultation =
  | { ok: true; advice: string; forExecutor: string }
  | { ok: false; why: string; forExecutor: string };

/** A task's advisor: ready, not usable with these settings (and why), or off. */
export type TaskAdvisor = { kind: 'ready'; task: AdvisorTask } | { kind: 'blocked'; reason: string } | { kind: 'off' };

/** What the agent loop needs from the advisor (src/core/agent.ts). */
export interface AgentAdvisor {
  readonly tool: ToolDefinition;
  /** Answers an ask_advisor call; the result is the tool message's content. */
  ask(args: Record<string, unknown>, messages: readonly ChatMessage[]): Promise<string>;
  /** After the step limit or a repeated tool error: advice for the executor, or undefined when none came. */
  stuck(reason: 'step-limit' | 'repeated-error', detail: string, messages: readonly ChatMessage[]): Promise<string | undefined>;
}

class Timeout extends Error {}

function describeError(error: unknown): string {
  if (error instanceof Timeout) return error.message;
  const e = error as { title?: unknown; message?: unknown };
  const message = typeof e?.message === 'string' ? e.message : String(error);
  return typeof e?.title === 'string' && e.title && !message.startsWith(e.title) ? `${e.title}: ${message}` : message;
}

export class AdvisorTask {
  private used = 0;
  private limitShown = false;

  constructor(
    private readonly port: AdvisorPort,
    private readonly options: { maxCalls: number; timeoutMs: number; signal?: AbortSignal },
    private readonly sink: AdvisorSink,
  ) {}

  get model(): string {
    return this.port.model;
  }

  /** Consultations sent so far (failed ones count: they were sent). */
  get calls(): number {
    return this.used;
  }

  async consult(q: AdvisorQuestion): Promise<Consultation> {
    const title = stepTitle(this.port.model, q.reason);
    if (this.used >= this.options.maxCalls) {
      const why = `the limit of ${this.options.maxCalls} advisor call(s) for this task was reached (stepFlash.advisor.maxCallsPerTask)`;
      if (!this.limitShown) this.sink.step({ title: `${title} — not asked`, detail: `Not asked: ${why}. The executor goes on alone.` });
      this.limitShown = true;
      return { ok: false, why, forExecutor: noAdviceForExecutor(why) };
    }
    this.used++;
    const id = this.sink.step({ title, detail: 'Waiting for the advisor…' });
    try {
      const reply = await this.ask(advisorMessages(q));
      const advice = reply.text.trim();
      this.sink.usage(reply.usage, reply.model);
      if (!advice) {
        const why = 'the advisor answered with nothing';
        this.sink.step({ id, title: `${title} — no advice`, detail: `No advice: ${why}. The executor goes on alone.`, usage: reply.usage });
        return { ok: false, why, forExecutor: noAdviceForExecutor(why) };
      }
      const unpriced = reply.priced ? '' : '\n\n(No price is known for this model, so its dollars are not counted; set stepFlash.advisor.pricePerMillionTokens.)';
      this.sink.step({ id, title, detail: `${advice}${unpriced}`, usage: reply.usage });
      return { ok: true, advice, forExecutor: adviceForExecutor(this.port.model, q.reason, advice) };
    } catch (error) {
      const why = describeError(error);
      this.sink.step({ id, title: `${title} — unavailable`, detail: `The advisor could not be consulted: ${why}. The executor goes on without it.` });
      return { ok: false, why, forExecutor: noAdviceForExecutor(why) };
    }
  }

  /** The request, bounded by the timeout and by the task's own stop. */
  private async ask(messages: ChatMessage[]): Promise<AdvisorReply> {
    const abort = new AbortController();
    const parent = this.options.signal;
    if (parent?.aborted) throw new Error('the task was stopped');
    const onStop = () => abort.abort();
    parent?.addEventListener('abort', onStop, { once: true });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const seconds = Math.round(this.options.timeoutMs / 100) / 10;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        // Rejected before the abort, so the race reports the timeout rather than the aborted request.
        reject(new Timeout(`no answer within ${seconds} s (stepFlash.advisor.timeoutSeconds)`));
        abort.abort();
      }, this.options.timeoutMs);
    });
    try {
      return await Promise.race([this.port.ask(messages, abort.signal), timeout]);
    } catch (error) {
      // The user's stop, not the advisor, ended the request: say so rather than the client's cancellation.
      throw parent?.aborted ? new Error('the task was stopped') : error;
    } finally {
      clearTimeout(timer);
      parent?.removeEventListener('abort', onStop);
    }
  }

  forAgent(): AgentAdvisor {
    return {
      tool: ASK_ADVISOR_TOOL,
      ask: async (args, messages) => {
        const question = typeof args.question === 'string' ? args.question.trim() : '';
        if (!question) return 'Error: ask_advisor needs a non-empty question.';
        const chosen = typeof args.context === 'string' ? args.context : '';
        const task = firstUserText(messages);
        const context = [task ? `The user's task:\n${task}` : '', chosen].filter(Boolean).join('\n\n');
        return (await this.consult({ reason: 'tool', question, context })).forExecutor;
      },
      stuck: async (reason, detail, messages) => {
        const consultation = await this.consult({ reason, question: detail, context: transcript(messages) });
        return consultation.ok ? consultation.forExecutor : undefined;
      },
    };
  }
}

function firstUserText(messages: readonly ChatMessage[]): string {
  const first = messages.find((m) => m.role === 'user');
  if (!first) return '';
  return transcript([first]).replace(/^## User\n/, '');
}
