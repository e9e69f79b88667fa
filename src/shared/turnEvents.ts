/**
 * A turn — one user message and the answer to it — as the events that make it,
 * and the one reducer that folds them into a record.
 *
 * The host reduces these events into the chat it stores (src/vscode/chat/controller.ts)
 * and posts each one to the webview, which reduces them with the same function and
 * renders the record (webview/transcript/transcript.ts). A reopened chat is sent as
 * `replayTurn(record)`, so it is rebuilt by the same reducer and drawn by the same
 * code as a live answer: what was seen live is what is seen after a reload.
 *
 * A new kind of turn information is one event here, one case in `reduceTurn` and in
 * `replayTurn`, and its rendering; nothing else carries turn state.
 */
import * as z from './zod';
import { addUsage, EffortView, ErrorView, UsageView, ZERO_USAGE } from './turnViews';

/** The user's message as the chat shows it (the host keeps more: context text, file ids). */
export const UserView = z.object({
  text: z.string(),
  /** Thumbnails travel as base64 so that a reopened chat shows them. */
  images: z.optional(z.array(z.object({ name: z.string(), mime: z.string(), base64: z.string() }))),
  videos: z.optional(z.array(z.string())),
  chips: z.optional(z.array(z.string())),
});
export type UserView = z.infer<typeof UserView>;

/**
 * Something the turn did besides answering: a tool call, a note such as the review
 * summary, a consultation. A step event with an id already present replaces that
 * step, so a long step can be shown first and completed (detail, usage) later.
 */
export const TurnStep = z.object({
  id: z.string(),
  kind: z.enum(['tool', 'note', 'advisor']),
  title: z.string(),
  detail: z.optional(z.string()),
  /** What this step's own requests cost; the turn's total still comes from usage events. */
  usage: z.optional(UsageView),
});
export type TurnStep = z.infer<typeof TurnStep>;

/**
 * Something said about this turn after the fact, e.g. "Proposed changes to 3 files"
 * after its Apply. It belongs to the turn (and so to its chat): it is saved with it
 * and never follows the user into another chat. A notice with an id already present
 * replaces that notice, so pressing Apply twice says it once.
 */
export const TurnNotice = z.object({
  id: z.string(),
  level: z.enum(['info', 'warning', 'error']),
  text: z.string(),
});
export type TurnNotice = z.infer<typeof TurnNotice>;

const E = <K extends string, S extends z.core.$ZodLooseShape>(kind: K, shape: S) => z.object({ kind: z.literal(kind), ...shape });

const StartEvent = E('start', {
  turnId: z.string(),
  /** ms since the epoch. */
  at: z.number(),
  user: UserView,
  effort: EffortView,
  /** The webview's `send` that started the turn; absent when a command started it. */
  sendId: z.optional(z.string()),
  /**
   * The editor command this turn is the task of ("Explain", "Refactor"…): it ran in its own
   * context, not the chat's history. Absent for a chat message, whose context is the chat.
   */
  task: z.optional(z.string()),
});

/** Waiting for a rate-limit slot: `position` requests are ahead. */
const QueuedEvent = E('queued', { position: z.int().check(z.nonnegative()) });
/** A request failed in a way worth retrying; the next try is `secondsLeft` away. */
const RetryEvent = E('retry', {
  secondsLeft: z.number().check(z.nonnegative()),
  attempt: z.int().check(z.positive()),
  maxAttempts: z.int().check(z.positive()),
  reason: z.string(),
});

export const TurnEvent = z.discriminatedUnion('kind', [
  StartEvent,
  /** Streamed text, appended. These two are the hot events (see webview/fastPath.ts). */
  E('reasoning', { text: z.string() }),
  E('answer', { text: z.string() }),
  E('step', { step: TurnStep }),
  QueuedEvent,
  RetryEvent,
  /** One model request's usage (tool steps and the repair turn each send one); the turn's bill sums them. */
  E('usage', { usage: UsageView, model: z.optional(z.string()) }),
  /** The user stopped the turn: what arrived is kept, marked stopped. */
  E('stopped', {}),
  E('failed', { error: ErrorView }),
  /** The turn is over; done unless it stopped or failed. */
  E('end', {}),
  E('notice', { notice: TurnNotice }),
  /** Retry answered this turn's message again in turn `by`: this answer stays, marked, and leaves the model's history. */
  E('retried', { by: z.string() }),
]);

type WireEvent = z.infer<typeof TurnEvent>;
/** `U` is what a side knows about the user's message: the webview has UserView, the host its stored form. */
export type TurnStart<U = UserView> = Omit<z.infer<typeof StartEvent>, 'user'> & { user: U };
/** Every event but start: the same on both sides. */
export type TurnUpdate = Exclude<WireEvent, { kind: 'start' }>;
export type TurnEvent<U = UserView> = TurnStart<U> | TurnUpdate;
export type TurnWait = z.infer<typeof QueuedEvent> | z.infer<typeof RetryEvent>;
export type TurnStatus = 'streaming' | 'done' | 'stopped' | 'error';

export interface TurnRecord<U = UserView> {
  id: string;
  createdAt: number;
  user: U;
  effort: EffortView;
  /** The editor command this turn is the task of; absent for a chat message. */
  task?: string;
  reasoning: string;
  text: string;
  steps: TurnStep[];
  status: TurnStatus;
  /** The sum of the turn's usage events. */
  usage?: UsageView;
  /** Set exactly when status is 'error'. */
  error?: ErrorView;
  /** Queued or waiting to retry; cleared when text arrives or the turn ends. */
  waiting?: TurnWait;
  notices?: TurnNotice[];
  /** The turn that answered this one's message again (Retry). */
  retriedBy?: string;
}

function settled<U>(record: TurnRecord<U>): TurnRecord<U> {
  if (!record.waiting) return record;
  const { waiting: _waiting, ...rest } = record;
  return rest;
}

/**
 * Folds one event into a turn. Pure: returns a new record, shares what did not
 * change. An event for a turn that has not started (no record) is dropped: undefined.
 */
export function reduceTurn<U>(record: TurnRecord<U> | undefined, event: TurnEvent<U>): TurnRecord<U> | undefined {
  if (event.kind === 'start') {
    return { id: event.turnId, createdAt: event.at, user: event.user, effort: event.effort, ...(event.task ? { task: event.task } : {}), reasoning: '', text: '', steps: [], status: 'streaming' };
  }
  if (!record) return undefined;
  switch (event.kind) {
    case 'reasoning':
      return { ...settled(record), reasoning: record.reasoning + event.text };
    case 'answer':
      return { ...settled(record), text: record.text + event.text };
    case 'step': {
      const index = record.steps.findIndex((s) => s.id === event.step.id);
      const steps = index < 0 ? [...record.steps, event.step] : record.steps.map((s, i) => (i === index ? event.step : s));
      return { ...record, steps };
    }
    case 'queued':
    case 'retry':
      return { ...record, waiting: event };
    case 'usage':
      return { ...record, usage: addUsage(record.usage ?? ZERO_USAGE, event.usage) };
    case 'stopped':
      return { ...settled(record), status: record.status === 'streaming' ? 'stopped' : record.status };
    case 'failed':
      return { ...settled(record), status: 'error', error: event.error };
    case 'end':
      return { ...settled(record), status: record.status === 'streaming' ? 'done' : record.status };
    case 'notice': {
      const notices = record.notices ?? [];
      const index = notices.findIndex((n) => n.id === event.notice.id);
      return { ...record, notices: index < 0 ? [...notices, event.notice] : notices.map((n, i) => (i === index ? event.notice : n)) };
    }
    case 'retried':
      return { ...record, retriedBy: event.by };
  }
}

/** Reduces a whole log; undefined when it does not begin with a start. */
export function reduceLog<U>(events: readonly TurnEvent<U>[]): TurnRecord<U> | undefined {
  let record: TurnRecord<U> | undefined;
  for (const event of events) record = reduceTurn(record, event);
  return record;
}

/** The shortest events that rebuild `record`: reduceLog(replayTurn(r)) deep-equals r. */
export function replayTurn<U>(record: TurnRecord<U>): TurnEvent<U>[] {
  const events: TurnEvent<U>[] = [{ kind: 'start', turnId: record.id, at: record.createdAt, user: record.user, effort: record.effort, ...(record.task ? { task: record.task } : {}) }];
  if (record.reasoning) events.push({ kind: 'reasoning', text: record.reasoning });
  if (record.text) events.push({ kind: 'answer', text: record.text });
  for (const step of record.steps) events.push({ kind: 'step', step });
  if (record.usage) events.push({ kind: 'usage', usage: record.usage });
  if (record.waiting) events.push(record.waiting);
  if (record.status === 'stopped') events.push({ kind: 'stopped' });
  if (record.status === 'error') events.push({ kind: 'failed', error: record.error ?? { title: 'Failed', message: '', actions: [] } });
  if (record.status !== 'streaming') events.push({ kind: 'end' });
  for (const notice of record.notices ?? []) events.push({ kind: 'notice', notice });
  if (record.retriedBy) events.push({ kind: 'retried', by: record.retriedBy });
  return events;
}
