/**
 * Folds a proposal's changes over the files' current texts into one planned
 * result per file. Pure: the caller reads the files (open editors first) and
 * hands their texts in, so this runs the same under a unit test.
 */
import { blockFailures, loosestRung, type PlaceLimit } from '../edits/apply';
import type { MatchFailure, MatchRung, ProposedChange } from '../edits/types';
import { asReplacement, overExisting } from '../edits/wholeFile';
import type { EditEngine } from './engine';
import type { Location } from './pathGate';
import type { FileStatus } from './types';

/**
 * A path as read by the caller: its identity (key: the real location, so two spellings of one
 * file are one file), and its text, or why it cannot be edited. `location` is what the path
 * gate saw, for its second look at apply (a replay at apply time has none).
 */
export type FileBase =
  | { key: string; path: string; exists: boolean; text: string; location?: Location }
  | { key: string; path: string; error: string };

export interface PlannedFile {
  key: string;
  path: string;
  fromKey?: string;
  fromPath?: string;
  status: FileStatus;
  reason?: string;
  failures?: MatchFailure[];
  baseExists: boolean;
  /** The text at proposal time ('' when the file did not exist). */
  baseText: string;
  /** The proposed text ('' for a delete). */
  proposedText: string;
  /** The changes that produced this file, in order, so apply can re-match them against newer text. */
  changes: ProposedChange[];
  /** The loosest reading that placed its blocks: re-matching them on newer text may be no looser. */
  loosest?: MatchRung;
  /** Where the path gate found the file (and a rename's source) at review, checked again at apply. */
  location?: Location;
  fromLocation?: Location;
}

interface Working {
  base: FileBase;
  curExists: boolean;
  curText: string;
  changes: ProposedChange[];
  reason?: string;
  failures?: MatchFailure[];
  renameFrom?: Working;
  renamedAway?: boolean;
  loosest?: MatchRung;
}

export function changePaths(change: ProposedChange): string[] {
  return change.kind === 'rename' ? [change.from, change.to] : [change.path];
}

/**
 * Resolves `changes` against `bases` (one per path the changes name); `pause` yields to the host
 * between files; `limit` bounds how loosely blocks are read (a replay at apply time).
 */
export async function planChanges(
  changes: ProposedChange[],
  bases: Map<string, FileBase>,
  engine: EditEngine,
  pause: () => Promise<void> = () => Promise.resolve(),
  limit: PlaceLimit = {},
): Promise<PlannedFile[]> {
  const work = new Map<string, Working>();
  const entry = (requested: string): Working => {
    const base = bases.get(requested);
    if (!base) throw new Error(`no base was read for ${requested}`);
    let w = work.get(base.key);
    if (!w) {
      const ok = !('error' in base);
      w = { base, curExists: ok && base.exists, curText: ok ? base.text : '', changes: [] };
      if (!ok) w.reason = base.error;
      work.set(base.key, w);
    }
    return w;
  };
  const renameKeys = renameParticipants(changes, bases);
  for (const change of changes) {
    if (change.kind === 'rename') {
      planRename(change, entry(change.from), entry(change.to), renameKeys);
    } else {
      const w = entry(change.path);
      w.changes.push(change);
      if (w.reason === undefined) applyOne(change, w, engine, limit);
    }
    await pause();
  }
  return [...work.values()].filter((w) => !w.renamedAway).map((w) => toPlanned(w));
}

/**
 * Keys a rename shares with another change: combining them is refused rather than guessed. The one
 * combination allowed is editing the new path after the rename, which is how a git diff that
 * renames and changes a file reads, and how a model follows rename_file with edit_file.
 */
function renameParticipants(changes: ProposedChange[], bases: Map<string, FileBase>): Set<string> {
  const keyOf = (p: string) => bases.get(p)?.key ?? p;
  const shared = new Set<string>();
  changes.forEach((change, i) => {
    if (change.kind !== 'rename') return;
    const from = keyOf(change.from);
    const to = keyOf(change.to);
    if (from === to) shared.add(to);
    changes.forEach((other, j) => {
      if (j === i) return;
      const keys = changePaths(other).map(keyOf);
      if (j > i && editsExisting(other) && keys[0] === to) return;
      if (keys.includes(from)) shared.add(from);
      if (keys.includes(to)) shared.add(to);
    });
  });
  return shared;
}

function editsExisting(change: ProposedChange): boolean {
  return change.kind === 'edit' || change.kind === 'patch';
}

function planRename(change: Extract<ProposedChange, { kind: 'rename' }>, from: Working, to: Working, shared: Set<string>): void {
  to.changes.push(change);
  if (from === to) {
    to.reason = `the proposal renames ${change.from} to itself.`;
    return;
  }
  to.renameFrom = from;
  from.renamedAway = true;
  if (from.reason !== undefined) to.reason = `cannot rename ${change.from}: ${from.reason}`;
  else if (to.reason !== undefined) return;
  else if (shared.has(from.base.key) || shared.has(to.base.key)) {
    to.reason = `the proposal renames ${change.from} to ${change.to} and also changes one of them in another way; a renamed file can only be edited under its new name, after the rename.`;
  } else if (!from.curExists) to.reason = `cannot rename ${change.from}: it does not exist.`;
  else if (to.curExists) to.reason = `cannot rename ${change.from} to ${change.to}: ${change.to} already exists.`;
  else {
    to.curExists = true;
    to.curText = from.curText;
  }
}

function applyOne(change: Exclude<ProposedChange, { kind: 'rename' }>, w: Working, engine: EditEngine, limit: PlaceLimit): void {
  const path = w.base.path;
  switch (change.kind) {
    case 'create':
      if (!w.curExists) {
        w.curExists = true;
        w.curText = change.content;
      } else if (change.newFile) createOverExisting(change.content, w);
      else w.curText = asReplacement(w.curText, change.content);
      return;
    case 'delete':
      if (!w.curExists) w.reason = `cannot delete ${path}: it does not exist.`;
      else w.curExists = false;
      return;
    case 'edit':
      if (!w.curExists && change.edits[0]?.search.trim() === '') {
        // An empty search creates a missing file: it is placed into an empty text.
        w.curExists = true;
        w.curText = '';
      }
      if (!w.curExists) {
        w.reason = `cannot edit ${path}: it does not exist (to create it, give the whole file, or a block with an empty search).`;
        return;
      }
      placeOrFail(engine.applyFileEdits(w.curText, change.edits, limit), w, 'edit');
      return;
    case 'patch':
      if (!w.curExists) {
        w.reason = `cannot patch ${path}: it does not exist.`;
        return;
      }
      placeOrFail(engine.applyPatch(w.curText, change.hunks, limit), w, 'patch hunk');
      return;
  }
}

/**
 * A file announced as new (a diff from /dev/null, create_file, "Create `x`:") where one exists
 * never replaces it. The one exception loses nothing: a text that keeps every existing line and
 * only adds lines is planned as those additions, and reviewed as a modification.
 */
function createOverExisting(content: string, w: Working): void {
  const path = w.base.path;
  const over = overExisting(w.curText, content);
  if (over.kind === 'adds') w.curText = over.text;
  else if (over.kind === 'same') w.reason = `the proposal creates ${path} as a new file, but it already exists with exactly this text; there is nothing to change.`;
  else w.reason = `the proposal creates ${path} as a new file, but it already exists; it was not replaced, since that would overwrite it. To change it, edit it with SEARCH/REPLACE blocks (or edit_file).`;
}

function placeOrFail(result: ReturnType<EditEngine['applyFileEdits']>, w: Working, noun: string): void {
  if (result.newText !== undefined) {
    w.curText = result.newText;
    w.loosest = loosestRung(result.blocks, w.loosest);
    return;
  }
  const failures = blockFailures(result.blocks);
  w.failures = failures;
  const first = failures[0]?.message ?? 'no block placed';
  const more = failures.length > 1 ? ` (and ${failures.length - 1} more)` : '';
  w.reason = `${failures.length} ${noun}${failures.length === 1 ? '' : 's'} did not apply to ${w.base.path}: ${first}${more}`;
}

function toPlanned(w: Working): PlannedFile {
  const base = w.base;
  const baseExists = !('error' in base) && base.exists;
  const baseText = 'error' in base ? '' : base.text;
  const from = w.renameFrom;
  const planned: PlannedFile = {
    key: base.key,
    path: base.path,
    status: 'failed',
    baseExists,
    baseText,
    proposedText: w.curExists ? w.curText : '',
    changes: w.changes,
    ...(w.loosest ? { loosest: w.loosest } : {}),
  };
  if ('location' in base && base.location) planned.location = base.location;
  if (from) {
    planned.fromKey = from.base.key;
    planned.fromPath = from.base.path;
    if ('location' in from.base && from.base.location) planned.fromLocation = from.base.location;
    planned.baseText = 'error' in from.base ? '' : from.base.text;
    planned.baseExists = true;
  }
  if (w.reason !== undefined) return { ...planned, reason: w.reason, ...(w.failures ? { failures: w.failures } : {}) };
  if (from) return { ...planned, status: 'renamed' };
  if (baseExists && w.curExists) return { ...planned, status: 'modified' };
  if (baseExists) return { ...planned, status: 'deleted' };
  if (w.curExists) return { ...planned, status: 'created' };
  return { ...planned, reason: `the proposal creates ${base.path} and deletes it again; nothing to do.` };
}
