/**
 * What the last apply of a change set wrote, kept so the set can tell the user the
 * truth after Undo and Redo: the workspace edit is one undo step, and after it the
 * files hold their old text again. Each file is checked against what apply wrote
 * (the text for a write, the file's existence for a create, delete or rename).
 */
import * as vscode from 'vscode';
import type { ReviewFile } from '../../core/review/reviewFile';
import type { FileOutcome } from '../../core/review/types';
import { readNow } from './readBase';
import type { FileOperation } from './workspaceEdit';

type OpState = 'applied' | 'reverted' | 'other';

interface Entry {
  file: ReviewFile;
  op: FileOperation;
  /** The outcome apply gave the file, given back after a redo. */
  outcome: FileOutcome;
}

const normalize = (text: string) => text.replace(/\r\n/g, '\n');

async function exists(uri: vscode.Uri): Promise<boolean> {
  return vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
}

/** Whether the files hold what the operation wrote, what it replaced, or something else (the user's own edits). */
async function stateOf(op: FileOperation): Promise<OpState> {
  switch (op.kind) {
    case 'write': {
      const now = await readNow(op.uri);
      if (now === undefined) return 'other';
      if (normalize(now) === normalize(op.newText)) return 'applied';
      return normalize(now) === normalize(op.oldText) ? 'reverted' : 'other';
    }
    // Undo of a create or delete works on the disk; an editor left open on the file says nothing about it.
    case 'create':
      return (await exists(op.uri)) ? 'applied' : 'reverted';
    case 'delete':
      return (await exists(op.uri)) ? 'reverted' : 'applied';
    case 'rename': {
      const [from, to] = await Promise.all([exists(op.from), exists(op.to)]);
      return to && !from ? 'applied' : from && !to ? 'reverted' : 'other';
    }
  }
}

export class AppliedEdit {
  private readonly entries: Entry[];
  private checking: Promise<boolean> = Promise.resolve(false);

  /** `earlier`: the set's previous applies, still tracked for the files this one did not write (each was its own undo step). */
  constructor(applied: Array<{ file: ReviewFile; op: FileOperation }>, earlier?: AppliedEdit) {
    const now = applied.flatMap(({ file, op }) => (file.outcome?.kind === 'applied' ? [{ file, op, outcome: file.outcome }] : []));
    const kept = (earlier?.entries ?? []).filter((e) => !applied.some(({ file }) => file === e.file));
    this.entries = [...kept, ...now];
  }

  /** Whether the edit wrote `uri` (a document or file event there may be its undo or redo). */
  touches(uri: string): boolean {
    return this.entries.some(({ op }) => (op.kind === 'rename' ? [op.from, op.to] : [op.uri]).some((u) => u.toString() === uri));
  }

  /**
   * Marks each file undone when it holds its old content again, and applied again when it
   * holds what apply wrote (a redo); true when any file changed state. Checks run one at a
   * time: an undo of several files raises an event per file.
   */
  check(): Promise<boolean> {
    this.checking = this.checking.then(() => this.checkNow());
    return this.checking;
  }

  private async checkNow(): Promise<boolean> {
    const states = await Promise.all(this.entries.map(({ op }) => stateOf(op).catch((): OpState => 'other')));
    let changed = false;
    this.entries.forEach(({ file, outcome }, i) => {
      if (states[i] === 'reverted' && file.outcome === outcome) {
        file.outcome = undefined;
        file.undone = true;
        changed = true;
      } else if (states[i] === 'applied' && file.undone && !file.outcome) {
        file.outcome = outcome;
        file.undone = false;
        changed = true;
      }
    });
    return changed;
  }
}
