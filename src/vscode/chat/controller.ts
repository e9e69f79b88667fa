import { randomBytes } from 'crypto';
import { fitToBudget } from '../../core/chat/budget';
import { titleFrom, toApiMessages } from '../../core/chat/messages';
import { addUsage, ZERO_USAGE, type ChatRecord, type ContextBlock, type StoredImage, type TurnRecord } from '../../core/chat/types';
import { chooseEffort, intentFromChat, type Intent } from '../../core/effort';
import { CHAT_SYSTEM_PROMPT } from '../../core/prompts';
import type { ChatMessage, ChatResult, StepError, ToolDefinition } from '../../core/provider';
import type { EffortChoice, EffortView, HostMessage, MessageView, WebviewMessageOf } from '../../shared/protocol';
import { readSettings } from '../settings';
import type { ProviderService } from '../provider/providerService';
import type { ChatViewProvider } from '../chatView';
import type { HistoryStore } from './historyStore';
import type { Logger } from '../log';
import { streamTurn } from './turnStream';
import { checkImages } from './imageIntake';

export const newId = () => randomBytes(8).toString('hex');

const RETRYABLE_TURNS = 20;

export interface TurnInput {
  intent: Intent;
  /** What the chat shows as the user's message. */
  display: string;
  /** What the model receives as the user's text (defaults to display). */
  prompt?: string;
  effortChoice?: EffortChoice;
  context?: ContextBlock[];
  images?: StoredImage[];
  videos?: Array<{ name: string; fileId: string }>;
  /** The webview's id for the send that started this turn. */
  sendId?: string;
  /** Replaces the chat system prompt (commands). */
  system?: string;
  /** Runs the exchange through this instead of a single streamed request (the tool loop). */
  run?: (ctx: TurnContext) => Promise<TurnRunResult>;
}

export interface TurnContext {
  turnId: string;
  effort: EffortView;
  messages: ChatMessage[];
  signal: AbortSignal;
  /** One streamed model request inside this turn. */
  ask(messages: ChatMessage[], tools?: readonly ToolDefinition[]): Promise<ChatResult>;
  step(text: string): void;
}

export interface TurnRunResult {
  text: string;
  stopped: boolean;
}

export interface TurnOutcome {
  turnId: string;
  status: 'done' | 'stopped' | 'error';
  text: string;
  effort: EffortView;
}

/** Thrown inside TurnContext.ask so a tool loop stops at the first failure; the controller shows it. */
class TurnFailed extends Error {
  constructor(readonly outcome: Extract<Awaited<ReturnType<typeof streamTurn>>, { ok: false }>) {
    super(outcome.error.message);
  }
}

/**
 * The chat's host side: the current conversation, its persistence, and every
 * turn — typed by the user or started by a command — streamed into the view.
 */
export class ChatController {
  private chat: ChatRecord = ChatController.emptyChat();
  private readonly running = new Map<string, AbortController>();
  /** What started recent turns, for Retry; bounded because inputs carry images. */
  private readonly lastInputs = new Map<string, TurnInput>();
  /** The last failure, for error actions (diagnostics, switch region). */
  lastError: { turnId: string; error: StepError } | undefined;

  constructor(
    private readonly view: ChatViewProvider,
    private readonly provider: ProviderService,
    private readonly history: HistoryStore,
    private readonly log: Logger,
  ) {}

  static emptyChat(): ChatRecord {
    const now = Date.now();
    return { id: newId(), title: 'New chat', createdAt: now, updatedAt: now, turns: [], totalUsage: ZERO_USAGE };
  }

  get current(): ChatRecord {
    return this.chat;
  }

  post(message: HostMessage): void {
    this.view.post(message);
  }

  /** Sends status, history and the open conversation: on ready and after a reload. */
  async sync(): Promise<void> {
    // Before `ready` the view will ask for everything itself; queueing now would only duplicate it.
    if (!this.view.isReady) return;
    await this.syncStatus();
    this.syncHistory();
    this.post({ type: 'conversation', chatId: this.chat.id, messages: this.chat.turns.map(toView), totalUsage: this.chat.totalUsage });
  }

  /** Provider, model, key and media limits only: a settings or key change must not re-send the conversation. */
  async syncStatus(): Promise<void> {
    if (this.view.isReady) this.post({ type: 'status', status: await this.provider.statusView() });
  }

  private syncHistory(): void {
    this.post({ type: 'history', chats: this.history.list(), activeId: this.chat.id });
  }

  async restoreLatest(): Promise<void> {
    const latest = this.history.list()[0];
    if (!latest) return;
    const chat = await this.history.load(latest.id);
    if (chat) this.chat = chat;
  }

  /** A send is always answered: a turn starts, or sendRejected gives the webview its draft back. */
  async handleSend(message: WebviewMessageOf<'send'>, resolveChips: (m: WebviewMessageOf<'send'>) => Promise<ContextBlock[]>, videos: (ids: string[]) => Array<{ name: string; fileId: string }> | string): Promise<void> {
    let started = false;
    try {
      await this.trySend(message, resolveChips, videos, () => (started = true));
    } catch (error) {
      if (started) throw error;
      this.post({ type: 'sendRejected', sendId: message.sendId, reason: `Could not send: ${(error as Error).message}` });
    }
  }

  private async trySend(
    message: WebviewMessageOf<'send'>,
    resolveChips: (m: WebviewMessageOf<'send'>) => Promise<ContextBlock[]>,
    videos: (ids: string[]) => Array<{ name: string; fileId: string }> | string,
    onStart: () => void,
  ): Promise<void> {
    const settings = readSettings();
    const status = await this.provider.statusView();
    const images = message.attachments.filter((a) => a.kind === 'image');
    if (images.length && !status.supportsImages) {
      this.post({ type: 'sendRejected', sendId: message.sendId, reason: status.imageBlocker ?? 'This endpoint cannot take images.' });
      return;
    }
    const checked = checkImages(images, settings.imageMaxBytes);
    if (typeof checked === 'string') {
      this.post({ type: 'sendRejected', sendId: message.sendId, reason: checked });
      return;
    }
    const videoIds = message.attachments.filter((a) => a.kind === 'video').map((a) => a.id);
    const attachedVideos = videos(videoIds);
    if (typeof attachedVideos === 'string') {
      this.post({ type: 'sendRejected', sendId: message.sendId, reason: attachedVideos });
      return;
    }
    let context: ContextBlock[];
    try {
      context = await resolveChips(message);
    } catch (error) {
      this.post({ type: 'sendRejected', sendId: message.sendId, reason: `Could not attach context: ${(error as Error).message}` });
      return;
    }
    const { intent, text } = message.effort === 'auto' ? intentFromChat(message.text) : { intent: 'chat' as Intent, text: message.text };
    onStart();
    await this.runTurn({ intent, display: message.text, prompt: text, effortChoice: message.effort, context, images: checked, videos: attachedVideos, sendId: message.sendId });
  }

  /** What stops media from being sent right now (no vision, no video), said before trying. */
  async statusBlockers(): Promise<{ imageBlocker?: string; videoBlocker?: string }> {
    const status = await this.provider.statusView();
    return { ...(status.imageBlocker ? { imageBlocker: status.imageBlocker } : {}), ...(status.videoBlocker ? { videoBlocker: status.videoBlocker } : {}) };
  }

  /** Runs one exchange: a user turn, an assistant turn streamed into the view, persisted at the end. */
  async runTurn(input: TurnInput): Promise<TurnOutcome> {
    const settings = readSettings();
    const effort = chooseEffort(input.intent, input.effortChoice ?? 'auto', settings.effort(input.intent));
    const now = Date.now();
    const user: TurnRecord = { id: newId(), role: 'user', text: input.display, createdAt: now };
    if (input.context?.length) user.context = input.context;
    if (input.images?.length) user.images = input.images;
    if (input.videos?.length) user.videos = input.videos;
    const turnId = newId();
    const answer: TurnRecord = { id: turnId, role: 'assistant', text: '', reasoning: '', status: 'streaming', effort, createdAt: now };
    const prior = this.chat.turns.filter((t) => t.status !== 'streaming');
    this.chat.turns.push(user, answer);
    if (this.chat.title === 'New chat') this.chat.title = titleFrom(input.display);
    this.lastInputs.set(turnId, input);
    if (this.lastInputs.size > RETRYABLE_TURNS) this.lastInputs.delete(this.lastInputs.keys().next().value!);
    this.post({ type: 'turnStart', turnId, user: toView(user), effort, ...(input.sendId ? { sendId: input.sendId } : {}) });

    const abort = new AbortController();
    this.running.set(turnId, abort);
    const modelUser: TurnRecord = { ...user, text: input.prompt ?? input.display };
    const budget = fitToBudget(toApiMessages(input.system ?? CHAT_SYSTEM_PROMPT, [...prior, modelUser]));
    let status: TurnOutcome['status'];
    try {
      if (budget.overflow) throw new Error(budget.overflow);
      if (budget.droppedMessages) this.log.info(`chat ${this.chat.id}: left out ${budget.droppedMessages} older message(s) to fit the context`);
      const ctx = this.turnContext(turnId, effort, budget.messages, abort.signal, answer);
      const run = input.run ?? (async (c: TurnContext) => {
        const result = await c.ask(c.messages);
        return { text: result.answerText, stopped: result.stopped };
      });
      const result = await run(ctx);
      answer.text = result.text || answer.text;
      status = result.stopped ? 'stopped' : 'done';
    } catch (error) {
      if (error instanceof TurnFailed) {
        const e = error.outcome.error;
        answer.text ||= e.partial?.content ?? '';
        answer.error = e.toView();
        status = e.kind === 'cancelled' ? 'stopped' : 'error';
        this.lastError = { turnId, error: e };
      } else {
        answer.error = { title: 'Could not send', message: (error as Error).message, actions: [] };
        status = 'error';
      }
    } finally {
      this.running.delete(turnId);
    }
    answer.status = status;
    this.chat.totalUsage = addUsage(this.chat.totalUsage, answer.usage);
    this.chat.updatedAt = Date.now();
    this.post({
      type: 'turnEnd',
      turnId,
      status,
      totalUsage: this.chat.totalUsage,
      ...(answer.usage ? { usage: answer.usage } : {}),
      ...(answer.error && status === 'error' ? { error: answer.error } : {}),
    });
    await this.persist();
    return { turnId, status, text: answer.text, effort };
  }

  private turnContext(turnId: string, effort: EffortView, messages: ChatMessage[], signal: AbortSignal, answer: TurnRecord): TurnContext {
    return {
      turnId,
      effort,
      messages,
      signal,
      step: (text) => {
        (answer.steps ??= []).push(text);
        this.post({ type: 'turnStep', turnId, step: text });
      },
      ask: async (msgs, tools) => {
        const outcome = await streamTurn(this.provider, (m) => this.track(answer, m), { turnId, messages: msgs, effort: effort.level, ...(tools ? { tools } : {}), signal });
        if (!outcome.ok) throw new TurnFailed(outcome);
        answer.usage = addUsage(answer.usage ?? ZERO_USAGE, outcome.usage);
        return outcome.result;
      },
    };
  }

  /** Keeps the stored answer in step with what the view shows, so a reload or a stop loses nothing. */
  private track(answer: TurnRecord, message: HostMessage): void {
    if (message.type === 'turnDelta') {
      if (message.content) answer.text += message.content;
      if (message.reasoning) answer.reasoning = (answer.reasoning ?? '') + message.reasoning;
    }
    this.post(message);
  }

  stop(turnId?: string): void {
    for (const [id, abort] of this.running) if (!turnId || id === turnId) abort.abort();
  }

  async retry(turnId: string): Promise<void> {
    const input = this.lastInputs.get(turnId);
    if (!input) {
      this.post({ type: 'notice', level: 'warning', text: 'That answer cannot be retried any more (it is from an earlier session). Send the message again.' });
      return;
    }
    const index = this.chat.turns.findIndex((t) => t.id === turnId);
    if (index > 0) this.chat.turns.splice(index - 1, 2);
    await this.runTurn(input);
    await this.sync();
  }

  async newChat(): Promise<void> {
    this.stop();
    this.chat = ChatController.emptyChat();
    await this.sync();
  }

  async open(chatId: string): Promise<void> {
    const chat = await this.history.load(chatId);
    if (!chat) {
      this.post({ type: 'notice', level: 'error', text: 'That chat could not be read from storage; it may have been deleted.' });
      return;
    }
    this.stop();
    this.chat = chat;
    await this.sync();
  }

  async delete(chatId: string): Promise<void> {
    await this.history.delete(chatId);
    if (chatId !== this.chat.id) return this.syncHistory();
    this.chat = ChatController.emptyChat();
    await this.sync();
  }

  answerText(turnId: string): string | undefined {
    return this.chat.turns.find((t) => t.id === turnId)?.text;
  }

  private async persist(): Promise<void> {
    try {
      await this.history.save(this.chat);
      this.syncHistory();
    } catch (error) {
      this.log.error(`could not save chat ${this.chat.id}: ${String(error)}`);
      this.post({ type: 'notice', level: 'warning', text: `This chat could not be saved: ${(error as Error).message}` });
    }
  }
}

export function toView(turn: TurnRecord): MessageView {
  const view: MessageView = { id: turn.id, role: turn.role, text: turn.text };
  if (turn.reasoning) view.reasoning = turn.reasoning;
  if (turn.images?.length) view.images = turn.images.map((i) => ({ name: i.name, mime: i.mime, base64: i.base64 }));
  if (turn.videos?.length) view.videos = turn.videos.map((v) => v.name);
  if (turn.context?.length) view.chips = turn.context.map((c) => `${c.label}: ${c.path}`);
  if (turn.status) view.status = turn.status === 'streaming' ? 'stopped' : turn.status;
  if (turn.effort) view.effort = turn.effort;
  if (turn.usage) view.usage = turn.usage;
  if (turn.error) view.error = turn.error;
  if (turn.steps?.length) view.steps = turn.steps;
  return view;
}
