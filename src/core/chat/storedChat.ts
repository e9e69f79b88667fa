/**
 * The file form of a chat (src/vscode/chat/historyStore.ts writes one per chat).
 *
 * Version 2 stores each turn as the record reduceTurn made of its events — not the
 * event log — because that is what every reader needs (the model history, Apply,
 * the history list) and it stays small: thousands of streamed deltas are one string,
 * and queue and retry notices, which mean nothing after the turn, never reach disk.
 * The webview still gets events: replayTurn(record) rebuilds the record exactly.
 *
 * Version 1 (no `version` field) kept user messages and answers as separate entries;
 * it is read by turning each pair into the events it stood for, so an upgrade keeps
 * every chat, and the next save writes version 2.
 */
import type { EffortView, ErrorView, UsageView } from '../../shared/protocol';
import { isAcceptedImageMime } from '../../shared/media';
import { reduceLog, reduceTurn, type TurnStatus } from '../../shared/turnEvents';
import type { ChatRecord, ContextBlock, StoredImage, StoredTurn, StoredTurnEvent, StoredUser, StoredVideo } from './types';

const VERSION = 2;

export function serializeChat(chat: ChatRecord): string {
  return JSON.stringify({ version: VERSION, ...chat });
}

/** The chat in `text`, upgraded if it is from an earlier version; undefined when it is not a chat. */
export function parseStoredChat(text: string): ChatRecord | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(raw) || typeof raw.id !== 'string' || !Array.isArray(raw.turns)) return undefined;
  const head = {
    id: raw.id,
    title: typeof raw.title === 'string' ? raw.title : 'Chat',
    createdAt: num(raw.createdAt),
    updatedAt: num(raw.updatedAt),
    totalUsage: isObject(raw.totalUsage) ? (raw.totalUsage as unknown as UsageView) : { promptTokens: 0, completionTokens: 0, cachedTokens: 0, costUsd: 0 },
  };
  if (raw.version === VERSION) {
    const turns = raw.turns as unknown[];
    return turns.every(isStoredTurn) ? { ...head, turns: turns.map(settle).map(imagesOnly) } : undefined;
  }
  if (raw.version !== undefined) return undefined;
  const turns = migrateV1(raw.turns);
  return turns ? { ...head, turns: turns.map(imagesOnly) } : undefined;
}

/**
 * Stored images are shown and sent again as data: URLs, so one whose type is not an
 * accepted image type (a hand-edited or hostile file) is dropped rather than rendered.
 */
function imagesOnly(turn: StoredTurn): StoredTurn {
  const images = turn.user.images;
  if (!images || images.every((image) => isAcceptedImageMime(image.mime))) return turn;
  return { ...turn, user: { ...turn.user, images: images.filter((image) => isAcceptedImageMime(image.mime)) } };
}

/** A version 1 entry: a user message or an answer. */
interface V1Entry {
  id: string;
  role: 'user' | 'assistant';
  text: string;
  createdAt?: number;
  reasoning?: string;
  images?: StoredImage[];
  videos?: StoredVideo[];
  context?: ContextBlock[];
  status?: 'done' | 'stopped' | 'error' | 'streaming';
  effort?: EffortView;
  usage?: UsageView;
  error?: ErrorView;
  steps?: string[];
}

/** A version 1 message that was never answered has no effort; this says so rather than guess one. */
const UNKNOWN_EFFORT: EffortView = { level: 'medium', reason: 'not recorded', source: 'policy' };

function migrateV1(entries: unknown[]): StoredTurn[] | undefined {
  if (!entries.every(isV1Entry)) return undefined;
  const turns: StoredTurn[] = [];
  let question: V1Entry | undefined;
  for (const entry of entries) {
    if (entry.role === 'user') {
      if (question) turns.push(v1Turn(question, undefined));
      question = entry;
    } else {
      turns.push(v1Turn(question, entry));
      question = undefined;
    }
  }
  if (question) turns.push(v1Turn(question, undefined));
  return turns;
}

/** The events a version 1 pair stood for, reduced like any turn. */
function v1Turn(question: V1Entry | undefined, answer: V1Entry | undefined): StoredTurn {
  const user: StoredUser = { text: question?.text ?? '' };
  if (question?.images?.length) user.images = question.images;
  if (question?.videos?.length) user.videos = question.videos;
  if (question?.context?.length) user.context = question.context;
  const turnId = answer?.id ?? question?.id ?? '';
  const events: StoredTurnEvent[] = [{ kind: 'start', turnId, at: question?.createdAt ?? answer?.createdAt ?? 0, user, effort: answer?.effort ?? UNKNOWN_EFFORT }];
  if (answer?.reasoning) events.push({ kind: 'reasoning', text: answer.reasoning });
  if (answer?.text) events.push({ kind: 'answer', text: answer.text });
  (answer?.steps ?? []).forEach((title, i) => events.push({ kind: 'step', step: { id: `s${i + 1}`, kind: 'tool', title } }));
  if (answer?.usage) events.push({ kind: 'usage', usage: answer.usage });
  // An answer saved while streaming, or a message never answered, was cut short: stopped.
  const status: TurnStatus = answer?.status && answer.status !== 'streaming' ? answer.status : 'stopped';
  if (status === 'stopped') events.push({ kind: 'stopped' });
  if (status === 'error') events.push({ kind: 'failed', error: answer?.error ?? { title: 'The answer failed', message: 'The reason was not recorded.', actions: [] } });
  events.push({ kind: 'end' });
  return reduceLog(events)!;
}

/** A turn saved while it still streamed (another turn of the chat ended first) did not finish: stopped. */
function settle(turn: StoredTurn): StoredTurn {
  if (turn.status !== 'streaming') return turn;
  return reduceTurn(reduceTurn(turn, { kind: 'stopped' }), { kind: 'end' })!;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function isV1Entry(value: unknown): value is V1Entry {
  return isObject(value) && typeof value.id === 'string' && (value.role === 'user' || value.role === 'assistant') && typeof value.text === 'string';
}

const STATUSES: readonly unknown[] = ['streaming', 'done', 'stopped', 'error'] satisfies TurnStatus[];

function isStoredTurn(value: unknown): value is StoredTurn {
  return (
    isObject(value) &&
    typeof value.id === 'string' &&
    isObject(value.user) &&
    typeof value.user.text === 'string' &&
    isObject(value.effort) &&
    typeof value.text === 'string' &&
    typeof value.reasoning === 'string' &&
    Array.isArray(value.steps) &&
    STATUSES.includes(value.status) &&
    (value.task === undefined || typeof value.task === 'string')
  );
}
