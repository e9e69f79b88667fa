/**
 * Decides, just before apply, what each accepted file turns into given the
 * files' text NOW: an operation for the one WorkspaceEdit, or a stale/failed
 * outcome that leaves the file alone. Newer text is never overwritten: an
 * edit is re-matched against it, and anything that cannot be re-matched is stale.
 */
import * as vscode from 'vscode';
import type { EditEngine } from './engine';
import { planChanges } from './plan';
import { readNow } from './readBase';
import type { ReviewFile } from './reviewFile';
import type { FileOutcome } from './types';

export type FileOperation =
  | { kind: 'write'; uri: vscode.Uri; oldText: string; newText: string; rematched: boolean }
  | { kind: 'create'; uri: vscode.Uri; newText: string }
  | { kind: 'delete'; uri: vscode.Uri }
  | { kind: 'rename'; from: vscode.Uri; to: vscode.Uri };

export type Planned = { op: FileOperation } | { outcome: FileOutcome };

export interface Located {
  file: ReviewFile;
  uri: vscode.Uri;
  fromUri?: vscode.Uri;
}

const normalize = (text: string) => text.replace(/\r\n/g, '\n');

export async function planApply({ file, uri, fromUri }: Located, engine: EditEngine): Promise<Planned> {
  const { plan } = file;
  const stale = (message: string): Planned => ({ outcome: { kind: 'stale', message: `${plan.path} ${message}` } });
  switch (plan.status) {
    case 'failed':
      return { outcome: { kind: 'failed', message: plan.reason ?? `${plan.path} could not be resolved.` } };
    case 'created': {
      if ((await readNow(uri)) !== undefined) return stale('was created since the proposal; the new file was not written over it.');
      return { op: { kind: 'create', uri, newText: file.proposedText } };
    }
    case 'deleted': {
      const now = await readNow(uri);
      if (now === undefined) return stale('no longer exists; nothing to delete.');
      if (normalize(now) !== normalize(plan.baseText)) return stale('changed since the proposal; it was not deleted.');
      return { op: { kind: 'delete', uri } };
    }
    case 'renamed': {
      if (!fromUri) return { outcome: { kind: 'failed', message: `${plan.path}: the rename has no source.` } };
      const source = await readNow(fromUri);
      if (source === undefined) return stale(`cannot be renamed from ${plan.fromPath}: that file no longer exists.`);
      if ((await readNow(uri)) !== undefined) return stale('now exists; the rename would overwrite it.');
      return { op: { kind: 'rename', from: fromUri, to: uri } };
    }
    case 'modified': {
      const now = await readNow(uri);
      if (now === undefined) return stale('was deleted since the proposal.');
      if (normalize(now) === normalize(plan.baseText)) {
        return { op: { kind: 'write', uri, oldText: now, newText: file.acceptedText(), rematched: false } };
      }
      const rematched = await rematch(file, now, engine);
      if (rematched === undefined) {
        return stale('changed since the proposal and the accepted changes no longer match it; it was left as it is.');
      }
      return { op: { kind: 'write', uri, oldText: now, newText: rematched, rematched: true } };
    }
  }
}

/** Re-places the accepted changes on newer text: the model's own edits when all were taken as proposed, else the accepted hunks. */
async function rematch(file: ReviewFile, now: string, engine: EditEngine): Promise<string | undefined> {
  const { plan } = file;
  const replayable = plan.changes.every((c) => c.kind === 'edit' || c.kind === 'patch');
  if (file.allAccepted() && !file.edited && replayable) {
    const base = { key: plan.key, path: plan.path, exists: true, text: now };
    const [replayed] = await planChanges(plan.changes, new Map([[plan.path, base]]), engine);
    return replayed?.status === 'modified' ? replayed.proposedText : undefined;
  }
  const chosen = file.hunks.filter((_, i) => file.selected()[i]);
  if (chosen.length === 0) return undefined;
  return engine.applyPatch(now, chosen).newText;
}
