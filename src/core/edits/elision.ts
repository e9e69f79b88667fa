/**
 * Elision markers ("...", "// ... existing code ...") that models put in place of code
 * they did not want to repeat. Recognised only as whole lines.
 */
import { findLineMatches, keyTrim, MAX_HITS, type LineKey } from './locate';

const COMMENT_OPEN = /^(?:\/\/+|#+|--|;+|%+|\/\*+|<!--|\{\/\*|\*)\s*/;
const COMMENT_CLOSE = /\s*(?:\*+\/\}?|-->)$/;
const ONLY_DOTS = /^(?:\.{3,}|…)$/;
const DOTTED = /^(?:\.{3,}|…)\s*([^.…]{1,60}?)\s*(?:\.{3,}|…)?$|^([^.…]{1,60}?)\s*(?:\.{3,}|…)$/;
const KEYWORDS =
  /\b(existing|rest|unchanged|same|remaining|other|previous|omitted|more|code|methods|functions|imports|lines|implementation|before|keep|skip)/i;
const STRICT_KEYWORDS = /\b(existing|rest of|unchanged|remaining|omitted|as before|other (methods|functions|code|fields|imports|props|cases|tests|routes))\b/i;
const PLAIN = /^(existing code|rest of (the )?(file|code|class|function|module|component)|unchanged( code)?|other (methods|functions|code))\b/i;

/** Loose: also bare "..." lines. `strict` (for whole files) requires a comment or wording. */
export function isElisionLine(line: string, strict = false): boolean {
  const t = line.trim();
  if (t === '') return false;
  const hadComment = COMMENT_OPEN.test(t);
  const inner = t.replace(COMMENT_OPEN, '').replace(COMMENT_CLOSE, '').trim();
  if (ONLY_DOTS.test(inner)) return !strict || hadComment;
  const dotted = DOTTED.exec(inner);
  if (dotted) {
    const words = dotted[1] ?? dotted[2] ?? '';
    return (strict ? STRICT_KEYWORDS : KEYWORDS).test(words) && (hadComment || !/[;{}()=]/.test(inner));
  }
  return hadComment && PLAIN.test(inner);
}

/** Splits lines at elision markers; `segments.length === markers + 1`. */
export function splitAtElisions(lines: string[]): string[][] {
  const segs: string[][] = [[]];
  for (const l of lines) {
    if (isElisionLine(l)) segs.push([]);
    else segs[segs.length - 1].push(l);
  }
  return segs;
}

export type ElisionReading =
  | { kind: 'one'; positions: number[] }
  | { kind: 'none'; missing: number }
  | { kind: 'many'; candidates: number[] };

/**
 * Places search segments in order, each after the previous one. Succeeds only when there
 * is exactly one way to do it; counts are capped at 2 because only "one" matters.
 */
export function readElided(
  file: string[],
  segments: string[][],
  gapOk: (k: number, segStart: number, from: number, to: number) => boolean = () => true,
  key: LineKey = keyTrim,
): ElisionReading {
  const hits = segments.map((seg) => findLineMatches(file, seg, key, 0, 500));
  for (let k = 0; k < hits.length; k++) {
    if (hits[k].length === 0) return { kind: 'none', missing: k };
    if (hits[k].length >= 500) return { kind: 'many', candidates: hits[k].slice(0, MAX_HITS) };
  }
  let ways = hits[0].map(() => 1);
  const back: number[][] = [hits[0].map(() => -1)];
  for (let k = 1; k < segments.length; k++) {
    const prevEnd = hits[k - 1].map((p) => p + segments[k - 1].length);
    const next: number[] = [];
    const from: number[] = [];
    for (const p of hits[k]) {
      let w = 0;
      let src = -1;
      for (let q = 0; q < prevEnd.length; q++) {
        if (prevEnd[q] <= p && ways[q] > 0 && gapOk(k - 1, hits[k - 1][q], prevEnd[q], p)) {
          w += ways[q];
          src = q;
        }
      }
      next.push(Math.min(w, 2));
      from.push(src);
    }
    ways = next;
    back.push(from);
  }
  const total = ways.reduce((a, b) => a + b, 0);
  const last = segments.length - 1;
  if (total === 0) return { kind: 'none', missing: last };
  if (total > 1) {
    const starts = hits[0].length > 1 ? hits[0] : hits[last].filter((_, i) => ways[i] > 0);
    return { kind: 'many', candidates: starts.slice(0, MAX_HITS) };
  }
  const positions: number[] = new Array<number>(segments.length);
  let idx = ways.findIndex((w) => w > 0);
  for (let k = last; k >= 0; k--) {
    positions[k] = hits[k][idx];
    idx = back[k][idx];
  }
  return { kind: 'one', positions };
}
