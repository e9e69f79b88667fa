/**
 * Running one corpus case: a folder with before/, an answer.md or toolcalls.json, and
 * either after/ (expected files; a file missing there is expected deleted) or an
 * EXPECT_REFUSAL file (optionally holding a word the refusal must mention).
 * Applies the proposal to an in-memory copy of before/, all or nothing, like the product.
 */
import * as fs from 'fs';
import * as path from 'path';
import { applyFileEdits, applyPatch } from './apply';
import { parseAnswer } from './parseAnswer';
import { checkWorkspacePath } from './paths';
import { changesFromToolCalls } from './toolCalls';
import type { ProposedChange } from './types';

export type CorpusOutcome = 'appliedCorrectly' | 'refusedCorrectly' | 'appliedWrongly' | 'failedToApply';

export interface CorpusResult {
  name: string;
  outcome: CorpusOutcome;
  ms: number;
  detail: string;
}

const VIRTUAL_ROOT = '/corpus-workspace';

export function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string, rel: string) => {
    if (!fs.existsSync(d)) return;
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path.join(d, entry.name), r);
      else files.set(r, fs.readFileSync(path.join(d, entry.name), 'utf8'));
    }
  };
  walk(dir, '');
  return files;
}

function loadProposal(dir: string): { changes: ProposedChange[]; problems: string[] } {
  const answer = path.join(dir, 'answer.md');
  if (fs.existsSync(answer)) return parseAnswer(fs.readFileSync(answer, 'utf8'));
  const calls = path.join(dir, 'toolcalls.json');
  if (fs.existsSync(calls)) {
    const raw: unknown = JSON.parse(fs.readFileSync(calls, 'utf8'));
    if (!Array.isArray(raw)) throw new Error('toolcalls.json must hold an array of {name, arguments}');
    return changesFromToolCalls(raw as Array<{ name: string; arguments: string | Record<string, unknown> }>);
  }
  throw new Error('the case has neither answer.md nor toolcalls.json');
}

/** Applies changes in order to a copy of the files; returns the refusal reasons, if any. */
export function applyChanges(
  files: Map<string, string>,
  changes: ProposedChange[],
): { files: Map<string, string>; refusals: string[]; rungs: string[] } {
  const out = new Map(files);
  const refusals: string[] = [];
  const rungs: string[] = [];
  const checked = (p: string): string | undefined => {
    const c = checkWorkspacePath([VIRTUAL_ROOT], p, (x) => x);
    if (!c.ok) {
      refusals.push(c.message);
      return undefined;
    }
    return path.posix.relative(VIRTUAL_ROOT, c.absolute);
  };
  for (const change of changes) {
    if (change.kind === 'rename') {
      const from = checked(change.from);
      const to = checked(change.to);
      if (from === undefined || to === undefined) continue;
      if (!out.has(from)) refusals.push(`rename: ${change.from} does not exist`);
      else if (out.has(to)) refusals.push(`rename: ${change.to} already exists`);
      else {
        out.set(to, out.get(from) as string);
        out.delete(from);
      }
      continue;
    }
    const p = checked(change.path);
    if (p === undefined) continue;
    const current = out.get(p);
    if (change.kind === 'create') out.set(p, change.content);
    else if (change.kind === 'delete') {
      if (current === undefined) refusals.push(`delete: ${change.path} does not exist`);
      else out.delete(p);
    } else if (current === undefined) {
      refusals.push(`${change.kind}: ${change.path} does not exist`);
    } else {
      const result = change.kind === 'edit' ? applyFileEdits(current, change.edits) : applyPatch(current, change.hunks);
      if (result.newText === undefined) {
        for (const b of result.blocks) if (!b.ok) refusals.push(`${change.path}: ${b.reason}: ${b.message}`);
      } else {
        out.set(p, result.newText);
        for (const b of result.blocks) if (b.ok) rungs.push(b.rung);
      }
    }
  }
  return { files: out, refusals, rungs };
}

function compare(actual: Map<string, string>, expected: Map<string, string>): string[] {
  const diffs: string[] = [];
  for (const [p, text] of expected) {
    const got = actual.get(p);
    if (got === undefined) diffs.push(`${p} missing`);
    else if (got !== text) diffs.push(`${p} differs: ${firstDifference(got, text)}`);
  }
  for (const p of actual.keys()) if (!expected.has(p)) diffs.push(`${p} should not exist`);
  return diffs;
}

function firstDifference(a: string, b: string): string {
  const al = a.split('\n');
  const bl = b.split('\n');
  for (let i = 0; i < Math.max(al.length, bl.length); i++) {
    if (al[i] !== bl[i]) return `line ${i + 1}: got ${JSON.stringify(al[i])}, expected ${JSON.stringify(bl[i])}`;
  }
  return 'same lines, different bytes';
}

export function runCorpusCase(dir: string): CorpusResult {
  const name = path.basename(dir);
  const started = performance.now();
  const expectRefusal = path.join(dir, 'EXPECT_REFUSAL');
  let outcome: CorpusOutcome;
  let detail: string;
  try {
    const before = readTree(path.join(dir, 'before'));
    const proposal = loadProposal(dir);
    const applied = applyChanges(before, proposal.changes);
    const refusals = [...proposal.problems, ...applied.refusals];
    if (proposal.changes.length === 0 && refusals.length === 0) refusals.push('the answer proposes no change');
    const ms = performance.now() - started;
    if (fs.existsSync(expectRefusal)) {
      const word = fs.readFileSync(expectRefusal, 'utf8').trim().split(/\r?\n/)[0] ?? '';
      if (refusals.length === 0) return { name, outcome: 'appliedWrongly', ms, detail: 'applied, but the case expects a refusal' };
      const all = refusals.join(' | ');
      if (word && !all.toLowerCase().includes(word.toLowerCase())) {
        return { name, outcome: 'failedToApply', ms, detail: `refused, but not for the expected reason "${word}": ${all}` };
      }
      return { name, outcome: 'refusedCorrectly', ms, detail: all };
    }
    if (refusals.length > 0) return { name, outcome: 'failedToApply', ms, detail: refusals.join(' | ') };
    const diffs = compare(applied.files, readTree(path.join(dir, 'after')));
    outcome = diffs.length === 0 ? 'appliedCorrectly' : 'appliedWrongly';
    detail =
      diffs.length === 0
        ? `${proposal.changes.length} change(s) applied${applied.rungs.length ? ` (rungs: ${applied.rungs.join(', ')})` : ''}`
        : diffs.join('; ');
  } catch (e) {
    outcome = 'failedToApply';
    detail = `case could not be run: ${(e as Error).message}`;
  }
  return { name, outcome, ms: performance.now() - started, detail };
}

/** Case folders under a corpus root, sorted by name. */
export function listCorpusCases(root: string): string[] {
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => path.join(root, e.name))
    .filter((d) => fs.existsSync(path.join(d, 'answer.md')) || fs.existsSync(path.join(d, 'toolcalls.json')))
    .sort();
}
