import * as vscode from 'vscode';
import { runAgent } from '../../core/agent';
import { EDIT_TOOLS, READ_TOOLS } from '../../core/edits';
import { chooseEffort, type Intent } from '../../core/effort';
import { commandSystemPrompt } from '../../core/prompts';
import type { ContextBlock, StoredImage } from '../../core/chat/types';
import type { ChatController, TurnOutcome } from '../chat/controller';
import type { ChatViewProvider } from '../chatView';
import type { EditFlow, ProposeOutcome } from '../edits/editFlow';
import type { ProviderService } from '../provider/providerService';
import { runReadTool } from '../edits/readTools';
import { readSettings } from '../settings';
import { CHANGES_VIEW_ID } from '../viewIds';
import type { VscodeTools } from '../lm/toolBridge';
import type { AdvisorService } from '../advisor/advisorService';
import { planWithAdvisor } from '../../core/advisor';

export interface CommandDeps {
  chat: ChatController;
  chatView: ChatViewProvider;
  edits: EditFlow;
  provider: ProviderService;
  /** VS Code's tools the agent may call (stepFlash.agent.vscodeTools). */
  vscodeTools?: VscodeTools;
  /** The advisor (stepFlash.advisor.*); consulted only when it is on. */
  advisor?: AdvisorService;
}

export interface EditingRequest {
  intent: Intent;
  title: string;
  display: string;
  prompt: string;
  context: ContextBlock[];
  images?: StoredImage[];
}

export interface EditingResult {
  turn: TurnOutcome;
  proposal?: ProposeOutcome;
}

/** The progress title says which effort was chosen and why, before anything is sent. */
export function progressTitle(title: string, intent: Intent): string {
  const effort = chooseEffort(intent, 'auto', readSettings().effort(intent));
  return `Step Flash: ${title} — effort ${effort.level} (${effort.source === 'policy' ? 'policy' : effort.source}: ${effort.reason})`;
}

/**
 * Starts a command's turn and reveals the chat view. A view VS Code has yet to create
 * is revealed once the turn's request has gone out (or the turn ended): creating the
 * webview keeps the workbench busy, and the request's own round trips through it (the
 * key from secret storage, the proxy lookup) would wait behind. Until the webview says
 * `ready`, the turn's events wait in its queue.
 */
export function withChatRevealed<T>(deps: CommandDeps, start: () => Thenable<T>): Thenable<T> {
  if (deps.chatView.isResolved) {
    deps.chatView.show();
    return start();
  }
  let pending = true;
  const reveal = () => {
    if (!pending) return;
    pending = false;
    unsubscribe();
    deps.chatView.show();
  };
  const unsubscribe = deps.provider.onRequestSent(reveal);
  const turn = start();
  turn.then(reveal, reveal);
  return turn;
}

/**
 * Runs an editing command as a chat turn: the model may read the workspace
 * through the bounded tool loop, then its edits go to the review. The work runs
 * under a cancellable progress notification; the chat shows every step.
 */
export async function runEditingCommand(deps: CommandDeps, request: EditingRequest): Promise<EditingResult> {
  let proposal: ProposeOutcome | undefined;
  const turn = await withChatRevealed(deps, () => vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: progressTitle(request.title, request.intent), cancellable: true },
    async (progress, token) => {
      let turnId: string | undefined;
      token.onCancellationRequested(() => deps.chat.stop(turnId));
      return deps.chat.runTurn({
        intent: request.intent,
        display: request.display,
        prompt: request.prompt,
        context: request.context,
        ...(request.images ? { images: request.images } : {}),
        system: commandSystemPrompt(request.intent, true),
        run: async (ctx) => {
          turnId = ctx.turnId;
          const extra = deps.vscodeTools?.forCommand(token, (step) => ctx.step(step));
          const read = extra ? [...READ_TOOLS, ...extra.definitions] : READ_TOOLS;
          const advisor = deps.advisor?.forTask(ctx.advisor, ctx.signal) ?? { kind: 'off' as const };
          const task = advisor.kind === 'ready' ? advisor.task : undefined;
          const messages = await planWithAdvisor(advisor, request, ctx.messages, ctx.advisor);
          const agent = await runAgent(messages, { read, edit: EDIT_TOOLS }, readSettings().agentMaxSteps, {
            ask: async (messages, tools) => {
              const result = await ctx.ask(messages, tools);
              const toolCalls = result.toolCalls.map((c) => ({ id: c.id, name: c.function.name, arguments: c.function.arguments }));
              return { text: result.answerText, toolCalls, stopped: result.stopped };
            },
            runReadTool: (name, args) => (extra?.has(name) ? extra.run(name, args) : runReadTool(name, args)),
            ...(extra ? { extraReadTools: extra } : {}),
            ...(task ? { advisor: task.forAgent() } : {}),
            onStep: (step) => {
              ctx.step(step);
              progress.report({ message: step });
            },
          });
          if (agent.stopped) return { text: agent.text, stopped: true };
          progress.report({ message: 'placing the proposed edits…' });
          proposal = await deps.edits.propose({ toolCalls: agent.editCalls, text: agent.text }, { title: request.title, source: request.intent }, task);
          const summary = summarize(proposal);
          ctx.step(summary, 'note');
          return { text: agent.text || summary, stopped: false };
        },
      });
    },
  ));
  if (proposal?.kind === 'proposed') {
    await vscode.commands.executeCommand(`${CHANGES_VIEW_ID}.focus`).then(undefined, () => undefined);
  }
  return { turn, ...(proposal ? { proposal } : {}) };
}

export function summarize(proposal: ProposeOutcome): string {
  const problems = proposal.problems.length ? ` (${proposal.problems.length} block(s) could not be read: ${proposal.problems.join('; ')})` : '';
  if (proposal.kind === 'nothing') return `No file changes were proposed${problems}.`;
  const files = proposal.set.files;
  const failed = files.filter((f) => f.status === 'failed').length;
  const ok = files.length - failed;
  return `Proposed changes to ${ok} file(s) for review in the Changes view${failed ? `; ${failed} could not be placed (see the reasons there)` : ''}${problems}.`;
}
