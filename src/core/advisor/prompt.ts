/**
 * What the advisor reads and what the executor gets back. The advisor sees text
 * only (images stay with the executor, which can see them) and never tools: it
 * cannot edit, it can only say what to do.
 */
import type { ChatMessage, ContentPart, ToolDefinition } from '../provider/types';
import type { AdvisorReason } from './reasons';

export const ASK_ADVISOR = 'ask_advisor';

export const ASK_ADVISOR_TOOL: ToolDefinition = {
  type: 'function',
  function: {
    name: ASK_ADVISOR,
    description:
      'Ask a stronger advisor model for guidance at a hard decision: an approach you are unsure of, a plan for a large change, ' +
      'or why something keeps failing. It cannot see the workspace: put the code, errors and findings it needs in `context`. ' +
      'Calls are limited per task; use it for decisions, not for reading files.',
    parameters: {
      type: 'object',
      properties: {
        question: { type: 'string', description: 'The decision or problem, as one clear question.' },
        context: { type: 'string', description: 'The code, error messages and findings the advisor needs to answer.' },
      },
      required: ['question'],
      additionalProperties: false,
    },
  },
};

export const ADVISOR_SYSTEM_PROMPT = [
  'You advise a faster coding model (the executor) that is working in a user\'s editor.',
  'The executor does the work: it reads files, calls tools and proposes edits, which the user reviews. You never edit files and cannot call tools.',
  'Answer with concrete, specific guidance the executor can act on at once: which files, which functions, what order, what to avoid.',
  'Be brief: at most about 200 words. No greetings, no restating the question.',
].join('\n');

const PLAN_INSTRUCTION = 'Write a short numbered plan (at most 6 steps) the executor will follow to do this task well. Name files and functions where you can.';

/** Longest context sent to the advisor; the start (the task) and the end (the latest events) are kept. */
export const MAX_ADVISOR_CONTEXT = 24_000;

export function clip(text: string, max = MAX_ADVISOR_CONTEXT): string {
  if (text.length <= max) return text;
  const head = Math.floor(max * 0.4);
  const tail = max - head;
  return `${text.slice(0, head)}\n… [${text.length - max} characters left out] …\n${text.slice(-tail)}`;
}

function contentText(content: string | ContentPart[] | null): string {
  if (content === null) return '';
  if (typeof content === 'string') return content;
  return content.map((p) => (p.type === 'text' ? p.text : p.type === 'image_url' ? '[an image the executor can see]' : '[a video the executor can see]')).join('\n');
}

/** The executor's exchange so far as plain text, the system prompt left out (the advisor has its own). */
export function transcript(messages: readonly ChatMessage[], maxToolResult = 4_000): string {
  const out: string[] = [];
  for (const m of messages) {
    if (m.role === 'system') continue;
    if (m.role === 'user') out.push(`## User\n${contentText(m.content)}`);
    else if (m.role === 'assistant') {
      const calls = (m.tool_calls ?? []).map((c) => `- called ${c.function.name}(${c.function.arguments})`);
      out.push(`## Executor\n${[contentText(m.content), ...calls].filter(Boolean).join('\n')}`);
    } else out.push(`## Tool result\n${clip(m.content, maxToolResult)}`);
  }
  return out.join('\n\n');
}

export interface AdvisorQuestion {
  reason: AdvisorReason;
  question: string;
  /** What the advisor should see: the executor's chosen context, or the transcript of the task. */
  context: string;
}

export function advisorMessages(q: AdvisorQuestion): ChatMessage[] {
  const parts = [q.reason === 'plan' ? PLAN_INSTRUCTION : `The executor needs your advice: ${q.question}`];
  if (q.reason === 'plan') parts.push(`Task: ${q.question}`);
  if (q.context.trim()) parts.push(`Context:\n${clip(q.context)}`);
  return [
    { role: 'system', content: ADVISOR_SYSTEM_PROMPT },
    { role: 'user', content: parts.join('\n\n') },
  ];
}

/** The advisor's answer as the executor reads it: attributed, and not an order to stop thinking. */
export function adviceForExecutor(model: string, reason: AdvisorReason, advice: string): string {
  if (reason === 'plan') return `Plan from the advisor (${model}). Follow it unless the code you read shows a step is wrong:\n${advice.trim()}`;
  return `Advice from the advisor (${model}):\n${advice.trim()}`;
}

/** What the executor reads when the advisor could not answer: it goes on without it. */
export function noAdviceForExecutor(why: string): string {
  return `The advisor could not be consulted (${why}). Continue on your own.`;
}

/** What the advisor is asked when `/advise` comes without a question. */
export const DEFAULT_ADVISE_QUESTION = 'Look at the conversation so far: what is going wrong or missing, and what should be done next?';

/** `/advise [question]` in the chat: the question ('' when none), or undefined for any other message. */
export function adviseRequest(text: string): string | undefined {
  const match = /^\s*\/advise\b\s*/i.exec(text);
  return match ? text.slice(match[0].length).trim() : undefined;
}

/** The question Ask the Advisor puts about an answer: its failure when it failed, else what is wrong with it. */
export function adviseQuestion(turn: { status: string; error?: { title: string; message: string } } | undefined): string {
  if (turn?.status === 'error' && turn.error) return `The last attempt failed: ${turn.error.title}: ${turn.error.message} What should be done instead?`;
  return 'The user is not satisfied with the last answer. What is wrong or missing in it, and what should the answer be?';
}
