/**
 * Reading a block's search text the way models write it. Two habits come from other tools
 * and from our own repair turn, which shows files with numbered lines (repair.ts):
 * - hint headers at the top of the search part (`:start_line:12`, `:end_line:20`, `-------`):
 *   they say where the block is, they are not text of the file;
 * - line-number prefixes copied from a numbered view (`12 | code`, `12:code`, `12<tab>code`).
 * Both give a line hint that may break a tie between equal places, never place a block alone.
 */
import { isBlank } from './text';

const HINT = /^\s*:(start|end)_line:\s*(\d+)\s*$/;
const SEPARATOR = /^\s*-{5,9}\s*$/;

export interface SearchText {
  search: string[];
  replace: string[];
  /** 0-based file line where the first non-blank search line is expected. */
  hint?: number;
}

function firstNonBlank(lines: string[]): number {
  const k = lines.findIndex((l) => !isBlank(l));
  return k < 0 ? 0 : k;
}

/**
 * Takes hint headers off the top of the search text. A lone `-------` line with no hint before
 * it is a header only when the file has no such line (otherwise it may be the file's own text).
 * Hint lines in the replacement are refused: they would be written into the file.
 */
export function readHints(search: string[], replace: string[], name: string, fileHas: (line: string) => boolean): SearchText | { problem: string } {
  let k = 0;
  let start: number | undefined;
  let end: number | undefined;
  let separator = false;
  while (k < search.length) {
    const hint = HINT.exec(search[k]);
    if (hint) {
      if (hint[1] === 'start') start = Number(hint[2]);
      else end = Number(hint[2]);
    } else if (SEPARATOR.test(search[k]) && !separator && (start !== undefined || end !== undefined || !fileHas(search[k].trim()))) {
      separator = true;
    } else break;
    k++;
  }
  const body = search.slice(k);
  const stray = replace.find((l) => HINT.test(l) && !body.some((s) => s.trim() === l.trim()));
  if (stray !== undefined) {
    return {
      problem: `${name}: the replacement contains the line hint "${stray.trim()}", which would be written into the file as text; line hints belong only at the top of the search part. Remove it from the replacement.`,
    };
  }
  if (separator && replace.length > 0 && SEPARATOR.test(replace[0]) && !(body.length > 0 && SEPARATOR.test(body[0]))) {
    return {
      problem: `${name}: the replacement starts with the header line "${replace[0].trim()}", which would be written into the file as text; it belongs only at the top of the search part. Remove it from the replacement.`,
    };
  }
  const lead = firstNonBlank(body);
  const height = body.length - lead - [...body].reverse().findIndex((l) => !isBlank(l));
  const hint = start !== undefined ? start - 1 + lead : end !== undefined ? end - height : undefined;
  return { search: body, replace, ...(hint !== undefined && hint >= 0 ? { hint } : {}) };
}

const STYLES: Array<{ re: RegExp; colon?: true }> = [
  { re: /^\s*(\d+) ?\| ?/ },
  { re: /^\s*(\d+):/, colon: true },
  { re: /^\s*(\d+)\t/ },
  { re: /^\s*(\d+)→/ },
];

/** What the line-number prefixes of a search text say. */
export type LineNumbers =
  | { kind: 'none' }
  /**
   * Every non-blank line is numbered and the numbers count up line by line: the text without
   * them. "12: x" has two readings (the space may be the prefix's or the code's indentation).
   */
  | { kind: 'numbered'; readings: SearchText[] }
  /** Every non-blank line is numbered, but the numbers skip or repeat: not a copy of consecutive lines. */
  | { kind: 'unordered'; numbers: number[] };

/** One numbered line is no evidence: "8080: http" is a YAML line, not line 8080. */
const MIN_NUMBERED = 2;

export function readLineNumbers(search: string[], replace: string[]): LineNumbers {
  const used = search.filter((l) => !isBlank(l));
  const style = used.length >= MIN_NUMBERED ? STYLES.find((s) => used.every((l) => s.re.test(l))) : undefined;
  if (!style) return { kind: 'none' };
  const numbered = search.flatMap((l, at) => {
    const m = style.re.exec(l);
    return m ? [{ at, n: Number(m[1]) }] : [];
  });
  const first = numbered[0];
  if (numbered.some(({ at, n }) => n - first.n !== at - first.at)) return { kind: 'unordered', numbers: numbered.map(({ n }) => n) };
  const lead = firstNonBlank(search);
  const hint = first.n - 1 - first.at + lead;
  const reading = (space: boolean): SearchText => {
    const strip = (l: string) => {
      const m = style.re.exec(l);
      if (!m) return l;
      const rest = l.slice(m[0].length);
      return space && rest.startsWith(' ') ? rest.slice(1) : rest;
    };
    return { search: search.map(strip), replace: replace.map(strip), hint };
  };
  // grep writes "12:code"; people write "12: code". One space after every colon is either.
  const spaced = style.colon === true && used.every((l) => /^(?: |$)/.test(l.replace(style.re, '')));
  return { kind: 'numbered', readings: spaced ? [reading(false), reading(true)] : [reading(false)] };
}
