/**
 * What a turn is made of, for the chat controller (src/vscode/chat/controller.ts) and what
 * starts turns — the chat, the commands, the advisor: its input, the context a run gets,
 * and its outcome.
 */
import type { AdvisorSink } from '../../core/advisor';
import type { TaskRef } from '../../core/cost/tasks';
import type { Intent } from '../../core/effort';
import type { ChatMessage, ChatResult, ToolDefinition } from '../../core/provider';
import type { EffortChoice, EffortView } from '../../shared/protocol';
import type { TurnStatus, TurnStep } from '../../shared/turnEvents';
import type { ContextBlock, StoredImage } from '../../core/chat/types';

export interface TurnInput {
  intent: Intent;
  /** What the chat shows as the user's message. */
  display: string;
  /** What the model receives as the user's text (defaults to display). */
  prompt?: string;
  effortChoice?: EffortChoice;
  /** The user locked the effort picker: the choice is not for this message only. */
  effortLocked?: boolean;
  context?: ContextBlock[];
  images?: StoredImage[];
  videos?: Array<{ name: string; fileId: string }>;
  /** The webview's id for the send that started this turn. */
  sendId?: string;
  /** Replaces the chat system prompt (commands). */
  system?: string;
  /**
   * The editor command this turn is the task of ("Explain", "Refactor"…). A task runs in its
   * own context: its request carries its system prompt and its own context, never the open
   * chat's history, so it costs the same whatever chat is open. Absent for a chat message.
   */
  task?: string;
  /** Runs the exchange through this instead of a single streamed request (the tool loop). */
  run?: (ctx: TurnContext) => Promise<TurnRunResult>;
  /** Retry: the turn whose message this answers again; it stays in the chat, out of the model's history. */
  retryOf?: string;
}

export interface TurnContext {
  turnId: string;
  effort: EffortView;
  messages: ChatMessage[];
  signal: AbortSignal;
  /**
   * One streamed model request inside this turn, billed to it; a failure is thrown as the client's
   * StepError. A quiet request (the repair turn) adds its usage but not its text to the turn.
   */
  ask(messages: ChatMessage[], tools?: readonly ToolDefinition[], options?: { quiet?: boolean }): Promise<ChatResult>;
  /** Shows a step of the turn: a tool call (the default) or a note such as the review summary. */
  step(title: string, kind?: TurnStep['kind']): void;
  /** Advisor steps of this turn, each with its own usage, which the turn's total includes. */
  advisor: AdvisorSink;
  /** The task this turn's requests are billed to (the advisor's too). */
  task: TaskRef;
}

/** A chat message that is a command of its own (`/advise`): what the model is told, and how the turn runs. */
export type ChatCommand = (text: string) => { prompt: string; run: (ctx: TurnContext) => Promise<TurnRunResult> } | undefined;

export interface TurnRunResult {
  text: string;
  stopped: boolean;
}

export interface TurnOutcome {
  turnId: string;
  status: Exclude<TurnStatus, 'streaming'>;
  /** What the run answered in the end (a command's last request, or its summary). */
  text: string;
  effort: EffortView;
}
