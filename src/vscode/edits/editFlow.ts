import * as vscode from 'vscode';
import * as edits from '../../core/edits';
import { changesFromToolCalls, parseAnswer, repairPrompt, type MatchFailure, type Proposal, type ProposedChange } from '../../core/edits';
import type { ApiMessage } from '../../core/chat/types';
import { proposedChanges } from '../../core/review/propose';
import { readBase } from '../../core/review/readBase';
import type { ChangeSet, ChangeSetReview } from '../review';
import { vscodeFiles, workspaceGate } from '../review/readBase';
import type { Logger } from '../log';
import type { ProviderService } from '../provider/providerService';
import { commandSystemPrompt } from '../../core/prompts';
import { placeSnippet } from '../../core/review/snippet';
import { baseName } from '../../core/review/titles';
import type { AdvisorTask } from '../../core/advisor';
import { planChanges } from '../../core/review/plan';

/**
 * The repair turn asked inside the task that proposed the edits: the next message of its
 * conversation (a cached prefix), billed to the task, with the same tools it was offered.
 */
export interface TaskRepair {
  conversation: ApiMessage[];
  ask(messages: ApiMessage[], path: string): Promise<{ text: string; toolCalls: Array<{ name: string; arguments: string }> }>;
  /** The task's advisor: asked when the repair turn fails too, and the repair is tried once more with its advice. */
  advisor?: AdvisorTask;
}

export type ProposeOutcome =
  | { kind: 'proposed'; set: ChangeSet; problems: string[] }
  | { kind: 'nothing'; problems: string[] };

/**
 * Wires the model to the review: what the model said becomes a change set
 * (proposedChanges), and a file whose blocks did not place gets its one
 * repair turn through the provider.
 */
export class EditFlow {
  /** The task whose proposal is being placed; its repair turn goes through it. */
  private taskRepair: TaskRepair | undefined;

  constructor(
    private readonly review: ChangeSetReview,
    private readonly provider: ProviderService,
    private readonly log: Logger,
  ) {
    review.onNeedsRepair = (path, currentText, failures) => this.repair(path, currentText, failures);
  }

  async propose(proposal: Proposal, meta: { title: string; source: string }, repair?: TaskRepair): Promise<ProposeOutcome> {
    const gate = workspaceGate();
    const { changes, problems } = await proposedChanges(proposal, (path) => readBase(path, gate, edits, vscodeFiles));
    if (!changes.length) return { kind: 'nothing', problems };
    // The review asks for repairs while it places these changes (onNeedsRepair), within this call.
    const outer = this.taskRepair;
    this.taskRepair = repair;
    try {
      const set = await this.review.propose(changes, meta);
      return { kind: 'proposed', set, problems };
    } finally {
      this.taskRepair = outer;
    }
  }

  /**
   * A code block that names no file goes to the file in the active editor: over the selection,
   * else over the region it resembles (placeSnippet), as a whole-file change the review shows as
   * a diff. Refused, with the reason, when there is no such editor or no place for it.
   */
  async proposeSnippet(code: string, meta: { title: string; source: string }): Promise<{ kind: 'proposed'; set: ChangeSet; where: string } | { kind: 'refused'; reason: string }> {
    const editor = vscode.window.activeTextEditor;
    const document = editor?.document;
    if (!editor || !document || document.uri.scheme !== 'file') {
      return { kind: 'refused', reason: 'The code block names no file, and no file is open in an editor to apply it to. Open the file it belongs in (select the code it replaces, if you like), then Apply again.' };
    }
    const name = baseName(document.uri.path);
    if (!vscode.workspace.getWorkspaceFolder(document.uri)) {
      return { kind: 'refused', reason: `The code block names no file, and ${name} (the active editor) is outside the workspace folders, where the review does not write.` };
    }
    const selection = editor.selection.isEmpty ? undefined : { start: document.offsetAt(editor.selection.start), end: document.offsetAt(editor.selection.end) };
    const placed = placeSnippet(document.getText(), code, name, selection);
    if (!placed.ok) return { kind: 'refused', reason: placed.reason };
    const path = vscode.workspace.asRelativePath(document.uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
    const set = await this.review.propose([{ kind: 'create', path, content: placed.newText }], meta);
    const lines = placed.startLine === placed.endLine ? `line ${placed.startLine}` : `lines ${placed.startLine}–${placed.endLine}`;
    const where = placed.how === 'selection' ? `the selection in ${name} (${lines})` : `${lines} of ${name}, the code it most resembles`;
    this.log.info(`apply a code block without a file path: proposed for ${where}`);
    return { kind: 'proposed', set, where };
  }

  /** Changes computed elsewhere (e.g. a language server's rename) go through the same review. */
  proposeChanges(changes: ProposedChange[], meta: { title: string; source: string }): Promise<ChangeSet> {
    return this.review.propose(changes, meta);
  }

  /** The automatic repair turn; when it fails and the task has an advisor, one more with the advisor's advice. */
  private async repair(path: string, currentText: string, failures: MatchFailure[]): Promise<ProposedChange[] | undefined> {
    const first = await this.repairTurn(path, currentText, failures);
    const advisor = this.taskRepair?.advisor;
    if (!advisor || (first.changes && (await places(path, currentText, first.changes)))) return first.changes;
    const why = first.changes ? 'its blocks still did not place' : first.failure;
    const consultation = await advisor.consult({
      reason: 'repair',
      question: `The executor's edits to ${path} could not be placed, and its repair turn failed too (${why}). How should the edits be written so that they apply?`,
      context: repairPrompt(path, currentText, failures),
    });
    if (!consultation.ok) return first.changes;
    const second = await this.repairTurn(path, currentText, failures, consultation.forExecutor);
    return second.changes ?? first.changes;
  }

  /** Shows the model why its blocks failed and the region's current text (and the advisor's advice, on a retry). */
  private async repairTurn(path: string, currentText: string, failures: MatchFailure[], advice?: string): Promise<{ changes?: ProposedChange[]; failure: string }> {
    const task = this.taskRepair;
    const reason = repairPrompt(path, currentText, failures);
    const prompt = advice ? `${reason}\n\n${advice}` : reason;
    try {
      const answer = task ? await task.ask([...task.conversation, { role: 'user', content: prompt }], path) : await this.askAlone(prompt);
      const fromTools = changesFromToolCalls(answer.toolCalls);
      // The file being repaired exists, whatever its name looks like.
      const changes = fromTools.changes.length ? fromTools.changes : parseAnswer(answer.text, { exists: (p) => p === path }).changes;
      const forPath = changes.filter((c) => ('path' in c ? c.path : c.from) === path);
      this.log.info(`repair turn for ${path}${task ? ' (in its task)' : ''}${advice ? ' (with advice)' : ''}: ${forPath.length} change(s) proposed`);
      return forPath.length ? { changes: forPath, failure: '' } : { failure: 'it proposed no change for the file' };
    } catch (error) {
      this.log.warn(`repair turn for ${path} failed: ${(error as Error).message}`);
      return { failure: (error as Error).message };
    }
  }

  /** A repair outside any task (Apply on a chat answer's code): a request of its own. */
  private async askAlone(prompt: string): Promise<{ text: string; toolCalls: [] }> {
    const client = await this.provider.client();
    const result = await client.complete({
      effort: 'low',
      messages: [
        { role: 'system', content: commandSystemPrompt('fix', false) },
        { role: 'user', content: prompt },
      ],
    });
    this.provider.record(result, { id: 'repair', title: 'Repair of an applied answer' });
    return { text: result.answerText, toolCalls: [] };
  }
}

/** Whether a repair's changes place on the file's current text (the review plans them again either way). */
async function places(path: string, text: string, changes: ProposedChange[]): Promise<boolean> {
  try {
    const planned = await planChanges(changes, new Map([[path, { key: path, path, exists: true, text }]]), edits);
    return planned.every((p) => p.status !== 'failed');
  } catch {
    return false;
  }
}
