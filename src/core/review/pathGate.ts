/**
 * The path gate: the one check every proposed path passes at propose and again at apply.
 * The spelling rules (src/core/edits/paths.ts) come first; then every component that
 * exists is looked at on disk, symbolic links are resolved, and the real location must
 * be inside a workspace folder and outside any `.git`. The file system is injected (Node's
 * in the extension and the benchmark, a fake in unit tests), so the gate itself is pure.
 *
 * What the gate saw is kept as a Location; at apply the gate runs again and a file whose
 * location changed since the review (a folder or the file itself swapped for a symbolic
 * link, even one with the same text behind it) is refused rather than followed.
 */
import * as nodePath from 'path';
import { checkWorkspacePath, inside, isGitName, refuse, type PathRefusal } from '../edits/paths';

export type EntryKind = 'file' | 'directory' | 'symlink' | 'other';

export interface GateFs {
  /** What is at the path without following a final symbolic link; undefined when nothing is (ENOENT). Throws otherwise, with `code`. */
  lstat(absolute: string): Promise<{ kind: EntryKind; size: number; links: number } | undefined>;
  /** The path with every symbolic link resolved; throws (ENOENT) for a dangling link. */
  realpath(absolute: string): Promise<string>;
}

/** Where a path led when the gate saw it: the real location and the kind of each existing component. */
export interface Location {
  /** The real location, under the lexical workspace folder it is in (so editors open on it match). */
  readonly canonical: string;
  /** One letter per component from the folder down that existed: d(irectory), f(ile), l(ink), o(ther). */
  readonly trail: string;
}

export interface GatePass {
  ok: true;
  /** The workspace folder the real location is in. */
  root: string;
  /** The path as requested, made absolute (symbolic links not resolved). */
  absolute: string;
  location: Location;
  /** What is at the real location; undefined when nothing is yet (a file to create). */
  entry?: { kind: EntryKind; size: number };
}

export type GateResult = GatePass | PathRefusal;

const KIND_LETTER: Record<EntryKind, string> = { file: 'f', directory: 'd', symlink: 'l', other: 'o' };
const KIND_NAME: Record<string, string> = { f: 'a file', d: 'a folder', l: 'a symbolic link', o: 'a special file' };

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class PathGate {
  private readonly realRoots = new Map<string, Promise<string | undefined>>();

  constructor(
    private readonly roots: string[],
    private readonly fs: GateFs,
    private readonly path: typeof nodePath = nodePath,
  ) {}

  /** The gate at propose: the spelling rules, then the real location. */
  async check(requested: string): Promise<GateResult> {
    const lexical = checkWorkspacePath(this.roots, requested, this.path);
    if (!lexical.ok) return lexical;
    const { path } = this;
    const realRoot = await this.realRoot(lexical.root);
    if (realRoot === undefined) return refuse(requested, 'vanished-folder', `the workspace folder ${lexical.root} no longer exists or cannot be read.`);
    const segments = path.relative(lexical.root, lexical.absolute).split(path.sep);
    let trail = '';
    let current = lexical.root;
    let missing = segments.length;
    let last: { kind: EntryKind; size: number; links: number } | undefined;
    for (let i = 0; i < segments.length; i++) {
      current = path.join(current, segments[i]);
      const shown = path.relative(lexical.root, current);
      let stat;
      try {
        stat = await this.fs.lstat(current);
      } catch (error) {
        if (errorCode(error) === 'ENOTDIR') return refuse(requested, 'not-a-folder', `${path.dirname(shown)} is a file, so nothing can be inside it.`);
        return refuse(requested, 'unreadable', `${shown} cannot be looked at: ${reason(error)}`);
      }
      if (!stat) {
        missing = i;
        break;
      }
      trail += KIND_LETTER[stat.kind];
      last = stat;
      if (stat.kind === 'symlink') {
        try {
          await this.fs.realpath(current);
        } catch (error) {
          const code = errorCode(error);
          if (code === 'ENOENT' || code === 'ENOTDIR') return refuse(requested, 'dangling-symlink', `${shown} is a symbolic link to something that does not exist; writing there would create a file wherever it points.`);
          return refuse(requested, 'unreadable', `the symbolic link ${shown} cannot be followed: ${reason(error)}`);
        }
      } else if (i < segments.length - 1 && stat.kind !== 'directory') {
        return refuse(requested, 'not-a-folder', `${shown} is ${KIND_NAME[KIND_LETTER[stat.kind]]}, so nothing can be inside it.`);
      }
    }
    const existing = path.join(lexical.root, ...segments.slice(0, missing));
    let realExisting: string;
    try {
      realExisting = missing === 0 ? realRoot : await this.fs.realpath(existing);
    } catch (error) {
      return refuse(requested, 'unreadable', `${path.relative(lexical.root, existing)} cannot be resolved: ${reason(error)}`);
    }
    const real = path.join(realExisting, ...segments.slice(missing));
    const home = await this.containingRoot(real);
    if (!home) return refuse(requested, 'symlink-outside', `it resolves through a symbolic link to ${real}, outside the workspace.`);
    const relReal = path.relative(home.real, real);
    if (relReal.split(path.sep).some(isGitName)) {
      return refuse(requested, 'git', `it resolves through a symbolic link to ${path.join(path.basename(home.root), relReal)}, inside .git; repository internals are never edited.`);
    }
    const location: Location = { canonical: path.join(home.root, relReal), trail };
    const pass = { ok: true as const, root: home.root, absolute: lexical.absolute, location };
    if (missing < segments.length) return pass;
    let target = last;
    if (target?.kind === 'symlink') {
      try {
        target = await this.fs.lstat(real);
      } catch (error) {
        return refuse(requested, 'unreadable', `${real} cannot be looked at: ${reason(error)}`);
      }
    }
    if (!target) return refuse(requested, 'dangling-symlink', `it resolves to ${real}, which no longer exists.`);
    if (target.kind === 'other') return refuse(requested, 'not-a-file', 'it is a device, socket or pipe, not a file.');
    if (target.kind === 'file' && target.links > 1) {
      return refuse(requested, 'hard-link', `the file has ${target.links} hard links; changing it would change the same file wherever else it is linked.`);
    }
    return { ...pass, entry: { kind: target.kind, size: target.size } };
  }

  /**
   * The gate at apply: the same check, and the location must be the one the review saw —
   * the same real file, reached through the same kinds of components, with no new
   * symbolic link on the way. Returns the refusal, or undefined when the path may be written.
   */
  async recheck(requested: string, seen: Location): Promise<PathRefusal | undefined> {
    const now = await this.check(requested);
    const after = ' It changed since the review; nothing was written to it.';
    if (!now.ok) return { ...now, message: `${now.message}${after}` };
    const changed = changeOf(seen, now, this.roots, this.path);
    return changed ? refuse(requested, 'location-changed', `${changed}${after}`) : undefined;
  }

  private realRoot(root: string): Promise<string | undefined> {
    let real = this.realRoots.get(root);
    if (!real) {
      real = this.fs.realpath(root).then(
        (p) => p,
        () => undefined,
      );
      this.realRoots.set(root, real);
    }
    return real;
  }

  /** The workspace folder whose real location holds `real`; the innermost when folders nest. */
  private async containingRoot(real: string): Promise<{ root: string; real: string } | undefined> {
    let best: { root: string; real: string } | undefined;
    for (const root of this.roots.map((r) => this.path.resolve(r))) {
      const realRoot = await this.realRoot(root);
      if (realRoot !== undefined && inside(realRoot, real, this.path) && (!best || realRoot.length > best.real.length)) best = { root, real: realRoot };
    }
    return best;
  }
}

/** How a location differs from the one seen at review, in words; undefined when it is the same. */
function changeOf(seen: Location, now: GatePass, roots: string[], path: typeof nodePath): string | undefined {
  const { trail, canonical } = now.location;
  for (let i = 0; i < trail.length; i++) {
    const before = seen.trail[i];
    const after = trail[i];
    // A component that did not exist at review may appear (a file created since is the apply's to judge),
    // but never as a symbolic link: that is the one thing the review did not see and would follow.
    if (before === after || (before === undefined && after !== 'l')) continue;
    const lexicalRoot = roots.map((r) => path.resolve(r)).find((r) => inside(r, now.absolute, path)) ?? now.root;
    const component = path.relative(lexicalRoot, now.absolute).split(path.sep).slice(0, i + 1).join(path.sep);
    return `${component} is now ${KIND_NAME[after]}; at review it was ${before === undefined ? 'not there' : KIND_NAME[before]}.`;
  }
  // A component that vanished is not a new place to write to; the apply reports the file as gone.
  if (seen.canonical !== canonical) return `it now resolves to ${canonical}; at review it was ${seen.canonical}.`;
  return undefined;
}
