/**
 * Decides, just before apply, what each accepted file turns into given the
 * files' text NOW: an operation to write, or a stale/failed outcome that leaves
 * the file alone. Newer text is never overwritten: an edit is re-matched
 * against it, and anything that cannot be re-matched is stale. Generic over the
 * file handle (a vscode.Uri in the extension, a path in the benchmark) so both
 * decide the same way.
 */
import type { EditEngine } from './engine';
import type { PathGate } from './pathGate';
import { changePaths, planChanges, type FileBase, type PlannedFile } from './plan';
import type { ReviewFile } from './reviewFile';
import type { FileOutcome } from './types';

export type FileOperation<U> =
  | { kind: 'write'; uri: U; oldText: string; newText: string; rematched: boolean }
  | { kind: 'create'; uri: U; newText: string }
  | { kind: 'delete'; uri: U }
  /** `edit` is set when the renamed file's text changes too: `oldText` is the source's text now. */
  | { kind: 'rename'; from: U; to: U; edit?: { oldText: string; newText: string } };

export type Planned<U> = { op: FileOperation<U> } | { outcome: FileOutcome };

export interface Located<U> {
  file: ReviewFile;
  uri: U;
  fromUri?: U;
}

/** The current text behind a handle, or undefined when the file does not exist. */
type ReadNow<U> = (uri: U) => Promise<string | undefined>;

const normalize = (text: string) => text.replace(/\r\n/g, '\n');

export async function planApply<U>({ file, uri, fromUri }: Located<U>, engine: EditEngine, readNow: ReadNow<U>): Promise<Planned<U>> {
  const { plan } = file;
  const stale = (message: string): Planned<U> => ({ outcome: { kind: 'stale', message: `${plan.path} ${message}` } });
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
      if (fromUri === undefined) return { outcome: { kind: 'failed', message: `${plan.path}: the rename has no source.` } };
      const source = await readNow(fromUri);
      if (source === undefined) return stale(`cannot be renamed from ${plan.fromPath}: that file no longer exists.`);
      if ((await readNow(uri)) !== undefined) return stale('now exists; the rename would overwrite it.');
      if (!plan.changes.some((c) => c.kind !== 'rename')) return { op: { kind: 'rename', from: fromUri, to: uri } };
      const newText = normalize(source) === normalize(plan.baseText) ? file.proposedText : await replayRename(file, source, engine);
      if (newText === undefined) {
        return stale(`cannot be renamed from ${plan.fromPath}: that file changed since the proposal and the edits no longer match it; it was left as it is.`);
      }
      return { op: { kind: 'rename', from: fromUri, to: uri, edit: { oldText: source, newText } } };
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

/**
 * The path gate's second look, for every path a planned file writes (a rename's source too):
 * a refusal when one resolves elsewhere than at review, undefined when all may be written.
 * Run before the files are read for apply and again just before the edit is applied.
 */
export async function recheckPlan(plan: PlannedFile, gate: PathGate): Promise<FileOutcome | undefined> {
  const seen: Array<[string | undefined, PlannedFile['location']]> = [
    [plan.path, plan.location],
    [plan.fromPath, plan.fromLocation],
  ];
  for (const [path, location] of seen) {
    if (path === undefined || location === undefined) continue;
    const refusal = await gate.recheck(path, location);
    if (refusal) return { kind: 'failed', message: refusal.message };
  }
  return undefined;
}

/** Re-plans the rename and its edits on the source's newer text; undefined when they no longer place. */
async function replayRename(file: ReviewFile, now: string, engine: EditEngine): Promise<string | undefined> {
  const { plan } = file;
  if (plan.fromKey === undefined || plan.fromPath === undefined) return undefined;
  const source: FileBase = { key: plan.fromKey, path: plan.fromPath, exists: true, text: now };
  const target: FileBase = { key: plan.key, path: plan.path, exists: false, text: '' };
  // Every change here names the source (the rename's from) or the target, however it spells them.
  const bases = new Map(plan.changes.flatMap(changePaths).map((p) => [p, p === plan.fromPath ? source : target]));
  const [replayed] = await planChanges(plan.changes, bases, engine, undefined, { loosest: plan.loosest });
  return replayed?.status === 'renamed' ? replayed.proposedText : undefined;
}

/** Re-places the accepted changes on newer text: the model's own edits when all were taken as proposed, else the accepted hunks. */
async function rematch(file: ReviewFile, now: string, engine: EditEngine): Promise<string | undefined> {
  const { plan } = file;
  const replayable = plan.changes.every((c) => c.kind === 'edit' || c.kind === 'patch');
  if (file.allAccepted() && !file.edited && replayable) {
    const base: FileBase = { key: plan.key, path: plan.path, exists: true, text: now };
    // No looser than the review read them: a line the user rewrote is not re-matched as a part of it.
    const [replayed] = await planChanges(plan.changes, new Map(plan.changes.flatMap(changePaths).map((p) => [p, base])), engine, undefined, { loosest: plan.loosest });
    return replayed?.status === 'modified' ? replayed.proposedText : undefined;
  }
  const chosen = file.hunks.filter((_, i) => file.selected()[i]);
  if (chosen.length === 0) return undefined;
  return engine.applyPatch(now, chosen).newText;
}
