import * as vscode from 'vscode';
import { conversationAfter, runAgent } from '../../core/agent';
import { EDIT_TOOLS, READ_TOOLS } from '../../core/edits';
import { chooseEffort, type Intent } from '../../core/effort';
import { commandSystemPrompt } from '../../core/prompts';
import type { ApiMessage, ContextBlock, StoredImage } from '../../core/chat/types';
import type { ChatResult } from '../../core/provider';
import type { ChatController } from '../chat/controller';
import type { TurnOutcome } from '../chat/turnTypes';
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
        task: request.title,
        run: async (ctx) => {
          turnId = ctx.turnId;
          const extra = deps.vscodeTools?.forCommand(token, (step) => ctx.step(step));
          const read = extra ? [...READ_TOOLS, ...extra.definitions] : READ_TOOLS;
          const advisor = deps.advisor?.forTask(ctx.advisor, ctx.task, ctx.signal) ?? { kind: 'off' as const };
          const task = advisor.kind === 'ready' ? advisor.task : undefined;
          const agentAdvisor = task?.forAgent();
          const messages = await planWithAdvisor(advisor, request, ctx.messages, ctx.advisor);
          // The same tools, in the same order, as every step of the agent offered (runAgent): the repair's prompt stays a cached prefix.
          const offered = [...read, ...(agentAdvisor ? [agentAdvisor.tool] : []), ...EDIT_TOOLS];
          const answer = (result: ChatResult) => ({ text: result.answerText, toolCalls: result.toolCalls.map((c) => ({ id: c.id, name: c.function.name, arguments: c.function.arguments })) });
          const agent = await runAgent(messages, { read, edit: EDIT_TOOLS }, readSettings().agentMaxSteps, {
            ask: async (messages, tools) => {
              const result = await ctx.ask(messages, tools);
              return { ...answer(result), stopped: result.stopped };
            },
            runReadTool: (name, args) => (extra?.has(name) ? extra.run(name, args) : runReadTool(name, args)),
            ...(extra ? { extraReadTools: extra } : {}),
            ...(agentAdvisor ? { advisor: agentAdvisor } : {}),
            onStep: (step) => {
              ctx.step(step);
              progress.report({ message: step });
            },
          });
          if (agent.stopped) return { text: agent.text, stopped: true };
          progress.report({ message: 'placing the proposed edits…' });
          // A repair turn continues this task's conversation, with the same tools, so its prompt is the cached prefix plus the reason.
          const repair = {
            conversation: conversationAfter(agent, 'Received: placing it for review.'),
            ask: async (messages: ApiMessage[], path: string) => {
              ctx.step(`Repair turn: asked again for the edits to ${path} that could not be placed`, 'note');
              return answer(await ctx.ask(messages, offered, { quiet: true }));
            },
            ...(task ? { advisor: task } : {}),
          };
          proposal = await deps.edits.propose({ toolCalls: agent.editCalls, text: agent.text }, { title: request.title, source: request.intent }, repair);
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
