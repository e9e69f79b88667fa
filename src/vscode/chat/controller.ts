import { randomBytes } from 'crypto';
import { fitToBudget } from '../../core/chat/budget';
import { titleFrom, toApiMessages } from '../../core/chat/messages';
import { addUsage, eventView, ZERO_USAGE, type ChatRecord, type ContextBlock, type StoredTurn, type StoredTurnEvent, type StoredUser } from '../../core/chat/types';
import { chooseEffort, intentFromChat, type Intent } from '../../core/effort';
import { CHAT_SYSTEM_PROMPT } from '../../core/prompts';
import type { TaskRef } from '../../core/cost/tasks';
import { StepError, type ChatMessage } from '../../core/provider';
import type { EffortView, HostMessage, WebviewMessageOf } from '../../shared/protocol';
import { reduceTurn, replayTurn, type TurnNotice, type TurnUpdate } from '../../shared/turnEvents';
import { readSettings } from '../settings';
import type { ProviderService } from '../provider/providerService';
import type { ChatViewProvider } from '../chatView';
import type { HistoryStore } from './historyStore';
import type { Logger } from '../log';
import { streamTurn } from './turnStream';
import { checkImages } from './imageIntake';
import { adviseQuestion } from '../../core/advisor';
import type { ChatCommand, TurnContext, TurnInput, TurnOutcome } from './turnTypes';

export const newId = () => randomBytes(8).toString('hex');

const RETRYABLE_TURNS = 20;

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
  /** Chats deleted while one of their turns was still running: its end must not save them again. */
  private readonly deleted = new Set<string>();
  /** Recognises chat messages that run as commands (set by the services: `/advise`). */
  chatCommand: ChatCommand | undefined;

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
    const turns = this.chat.turns.map((turn) => replayTurn(turn).map(eventView));
    this.post({ type: 'conversation', chatId: this.chat.id, turns, totalUsage: this.chat.totalUsage });
  }

  /** Provider, model, key and media limits only: a settings or key change must not re-send the conversation. */
  async syncStatus(): Promise<void> {
    if (!this.view.isReady) return;
    const status = await this.provider.statusView();
    this.post({ type: 'status', status: { ...status, ...(readSettings().advisor.enabled ? { advisor: true } : {}) } });
  }

  private syncHistory(): void {
    this.post({ type: 'history', chats: this.history.list(), activeId: this.chat.id });
  }

  async restoreLatest(): Promise<void> {
    const latest = this.history.list()[0];
    if (!latest) return;
    const untouched = this.chat;
    const chat = await this.history.load(latest.id);
    // The command that loaded the extension may have started a turn meanwhile: its chat stays open.
    if (chat && this.chat === untouched && untouched.turns.length === 0) this.chat = chat;
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
    const command = this.chatCommand?.(message.text);
    const { intent, text } = message.effort === 'auto' && !command ? intentFromChat(message.text) : { intent: 'chat' as Intent, text: command?.prompt ?? message.text };
    onStart();
    await this.runTurn({ intent, display: message.text, prompt: text, ...(command ? { run: command.run } : {}), effortChoice: message.effort, effortLocked: message.effortLocked === true, context, images: checked, videos: attachedVideos, sendId: message.sendId });
  }

  /** What stops media from being sent right now (no vision, no video), said before trying. */
  async statusBlockers(): Promise<{ imageBlocker?: string; videoBlocker?: string }> {
    const status = await this.provider.statusView();
    return { ...(status.imageBlocker ? { imageBlocker: status.imageBlocker } : {}), ...(status.videoBlocker ? { videoBlocker: status.videoBlocker } : {}) };
  }

  /**
   * Runs one exchange. Everything that happens is a turn event, reduced into the
   * chat's record of the turn and posted to the view as it is; a failure is the
   * client's StepError, shown as it is. The chat is saved when the turn ends.
   */
  async runTurn(input: TurnInput): Promise<TurnOutcome> {
    const settings = readSettings();
    const effort = chooseEffort(input.intent, input.effortChoice ?? 'auto', settings.effort(input.intent), input.effortLocked);
    const user: StoredUser = { text: input.display };
    if (input.context?.length) user.context = input.context;
    if (input.images?.length) user.images = input.images;
    if (input.videos?.length) user.videos = input.videos;
    // The turn belongs to the chat it started in, even if the user opens another meanwhile.
    const chat = this.chat;
    // A task has its own context; an answer that was retried is kept for the user to read, not sent to the model again.
    const history = input.task ? [] : chat.turns.filter((turn) => !turn.retriedBy && turn.id !== input.retryOf);
    const turnId = newId();
    const emit = (event: StoredTurnEvent) => this.apply(chat, turnId, event);
    if (chat.title === 'New chat') chat.title = titleFrom(input.display);
    this.lastInputs.set(turnId, input);
    if (this.lastInputs.size > RETRYABLE_TURNS) this.lastInputs.delete(this.lastInputs.keys().next().value!);
    emit({ kind: 'start', turnId, at: Date.now(), user, effort, ...(input.sendId ? { sendId: input.sendId } : {}), ...(input.task ? { task: input.task } : {}) });
    if (input.retryOf) {
      this.apply(chat, input.retryOf, { kind: 'retried', by: turnId });
      this.log.info(`chat ${chat.id}: turn ${input.retryOf} retried as ${turnId}`);
    }

    const abort = new AbortController();
    this.running.set(turnId, abort);
    let answered = '';
    try {
      const budget = fitToBudget(toApiMessages(input.system ?? CHAT_SYSTEM_PROMPT, history, { ...user, text: input.prompt ?? input.display }));
      if (budget.overflow) throw new StepError({ kind: 'bad-request', title: 'Could not send', message: budget.overflow });
      if (budget.droppedMessages) this.log.info(`chat ${chat.id}: left out ${budget.droppedMessages} older message(s) to fit the context`);
      const run = input.run ?? (async (c: TurnContext) => {
        const result = await c.ask(c.messages);
        return { text: result.answerText, stopped: result.stopped };
      });
      const result = await run(this.turnContext(chat, { id: turnId, title: input.task ?? 'Chat' }, effort, budget.messages, abort.signal));
      answered = result.text;
      // When nothing was streamed as text (the model answered in its reasoning, or a command ends on its summary),
      // the run's answer becomes the text, so the view and the stored chat show it alike.
      if (result.text.trim() && !findTurn(chat, turnId)?.text.trim()) emit({ kind: 'answer', text: result.text });
      if (result.stopped) emit({ kind: 'stopped' });
    } catch (thrown) {
      const error = asStepError(thrown);
      if (error.kind === 'cancelled') emit({ kind: 'stopped' });
      else {
        this.lastError = { turnId, error };
        emit({ kind: 'failed', error: error.toView() });
      }
    } finally {
      this.running.delete(turnId);
    }
    emit({ kind: 'end' });
    chat.updatedAt = Date.now();
    await this.persist(chat);
    const turn = findTurn(chat, turnId);
    const status = !turn || turn.status === 'streaming' ? 'stopped' : turn.status;
    return { turnId, status, text: answered || (turn?.text ?? ''), effort };
  }

  /** Reduces the event into the chat's record of the turn and, if the chat is open, posts it to the view. */
  private apply(chat: ChatRecord, turnId: string, event: StoredTurnEvent): void {
    const index = indexOfTurn(chat, turnId);
    const next = reduceTurn(index < 0 ? undefined : chat.turns[index], event);
    if (!next) return;
    if (index < 0) chat.turns.push(next);
    else chat.turns[index] = next;
    if (event.kind === 'usage') chat.totalUsage = addUsage(chat.totalUsage, event.usage);
    if (chat === this.chat) this.post({ type: 'turn', turnId, event: eventView(event) });
  }

  private turnContext(chat: ChatRecord, task: TaskRef, effort: EffortView, messages: ChatMessage[], signal: AbortSignal): TurnContext {
    const turnId = task.id;
    const emit = (event: StoredTurnEvent) => this.apply(chat, turnId, event);
    let steps = 0;
    return {
      turnId,
      effort,
      messages,
      signal,
      step: (title, kind = 'tool') => emit({ kind: 'step', step: { id: `s${++steps}`, kind, title } }),
      task,
      advisor: {
        step: ({ id = `s${++steps}`, ...view }) => {
          emit({ kind: 'step', step: { id, kind: 'advisor', ...view } });
          return id;
        },
        usage: (usage, model) => emit({ kind: 'usage', usage, model }),
      },
      ask: (msgs, tools, options) => {
        // A later request of the same turn (a tool loop) starts a new paragraph of its answer.
        let separate = Boolean(findTurn(chat, turnId)?.text.trim());
        const paragraphs = (event: TurnUpdate) => {
          if (options?.quiet && (event.kind === 'answer' || event.kind === 'reasoning')) return;
          if (separate && event.kind === 'answer') {
            separate = false;
            return emit({ ...event, text: `\n\n${event.text}` });
          }
          emit(event);
        };
        return streamTurn(this.provider, paragraphs, { messages: msgs, effort: effort.level, ...(tools ? { tools } : {}), signal, task });
      },
    };
  }

  stop(turnId?: string): void {
    for (const [id, abort] of this.running) if (!turnId || id === turnId) abort.abort();
  }

  /** Answers the turn's message again in a new turn; the earlier answer stays, marked as retried. */
  async retry(turnId: string): Promise<void> {
    const input = this.lastInputs.get(turnId);
    if (!input) {
      await this.noteTurn(turnId, { id: 'retry', level: 'warning', text: 'This answer cannot be retried any more (it is from an earlier session). Send the message again.' });
      return;
    }
    const { sendId: _sendId, ...again } = input;
    await this.runTurn({ ...again, retryOf: turnId });
  }

  /** Ask the Advisor on an answer: a new `/advise` turn about it, saying how it failed when it did. */
  async advise(turnId: string): Promise<void> {
    const turn = findTurn(this.chat, turnId);
    const command = this.chatCommand?.(`/advise ${adviseQuestion(turn)}`);
    if (!turn || !command) {
      this.post({ type: 'notice', level: 'warning', text: 'That answer is no longer in this chat, so the advisor cannot be asked about it.' });
      return;
    }
    await this.runTurn({ intent: 'chat', display: '/advise — Ask the Advisor about the answer above', prompt: command.prompt, run: command.run });
  }

  /** Says something about a turn of the open chat, saved with it; a turn it no longer shows gets a plain notice. */
  async noteTurn(turnId: string, notice: TurnNotice): Promise<void> {
    const chat = this.chat;
    if (indexOfTurn(chat, turnId) < 0) {
      this.post({ type: 'notice', level: notice.level, text: notice.text });
      return;
    }
    this.apply(chat, turnId, { kind: 'notice', notice });
    await this.persist(chat);
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
    this.deleted.add(chatId);
    await this.history.delete(chatId);
    if (chatId !== this.chat.id) return this.syncHistory();
    this.stop();
    this.chat = ChatController.emptyChat();
    await this.sync();
  }

  answerText(turnId: string): string | undefined {
    return findTurn(this.chat, turnId)?.text;
  }

  private async persist(chat: ChatRecord): Promise<void> {
    if (this.deleted.has(chat.id)) return;
    try {
      await this.history.save(chat);
      this.syncHistory();
    } catch (error) {
      this.log.error(`could not save chat ${chat.id}: ${String(error)}`);
      this.post({ type: 'notice', level: 'warning', text: `This chat could not be saved: ${(error as Error).message}` });
    }
  }
}

function indexOfTurn(chat: ChatRecord, turnId: string): number {
  // The turn being streamed is almost always the last one.
  for (let i = chat.turns.length - 1; i >= 0; i--) if (chat.turns[i]!.id === turnId) return i;
  return -1;
}

function findTurn(chat: ChatRecord, turnId: string): StoredTurn | undefined {
  return chat.turns[indexOfTurn(chat, turnId)];
}

/** Anything else that escapes a turn (a bug, a failed file read in a command) is shown in the same form. */
function asStepError(error: unknown): StepError {
  if (error instanceof StepError) return error;
  return new StepError({ kind: 'server', title: 'Unexpected error', message: error instanceof Error ? error.message : String(error), actions: ['retry', 'copyDiagnostics'], cause: error });
}
