import * as assert from 'assert';
import { keyExact, keyTrim, keyTrimEnd, textFinder } from '../../../src/core/edits/locate';
import { isBlank, spliceDoc, splitDoc, type OutLine } from '../../../src/core/edits/text';

function rng(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s >>> 8) % n;
  };
}

const WORDS = ['a', 'ab', 'x = 1;', '  x = 1;', 'x = 1;  ', '\tx = 1;', '', '   ', 'y(x = 1;)', 'return x;'];

/** The file as lines with endings, rebuilt from scratch: what splicing must produce. */
function reference(text: string, start: number, end: number, out: OutLine[]): string {
  const doc = splitDoc(text);
  const ending = (i: number | undefined) => (i === undefined ? doc.eol : doc.cr[i] ? '\r\n' : '\n');
  const lines: Array<{ text: string; end: string }> = [
    ...doc.lines.slice(0, start).map((t, i) => ({ text: t, end: ending(i) })),
    ...out.map((o) => ({ text: o.text, end: ending(o.from) })),
    ...doc.lines.slice(end).map((t, i) => ({ text: t, end: ending(end + i) })),
  ];
  return lines.map((l, i) => l.text + (i < lines.length - 1 || doc.finalNewline ? l.end : '')).join('');
}

describe('text: splicing lines into a file', () => {
  it('gives the same text as rebuilding the file line by line, for any window, ending and final newline', () => {
    const r = rng(3);
    for (let t = 0; t < 2000; t++) {
      const n = r(6);
      const lines = Array.from({ length: n }, () => WORDS[r(WORDS.length)]);
      const eol = () => (r(3) === 0 ? '\r\n' : '\n');
      let text = lines.map((l, i) => l + (i < n - 1 ? eol() : '')).join('');
      if (n > 0 && r(2) === 0) text += eol();
      const doc = splitDoc(text);
      const count = doc.lines.length;
      const start = r(count + 1);
      const end = start + r(count - start + 1);
      const out: OutLine[] = Array.from({ length: r(4) }, () => (count > 0 && r(2) === 0 ? { text: 'kept', from: r(count) } : { text: `new${r(9)}` }));
      assert.strictEqual(spliceDoc(doc, start, end, out), reference(text, start, end, out), `trial ${t}: ${JSON.stringify({ text, start, end, out })}`);
    }
  });

  it('tells blank lines as trim() does', () => {
    for (const line of ['', ' ', '\t \t', '\u00a0', '\u3000 ', 'x', '  x', '\t\u00a0y', ' \u00e9']) assert.strictEqual(isBlank(line), line.trim() === '', JSON.stringify(line));
  });
});

describe('locate: finding lines by text search', () => {
  it('finds the same lines as comparing every keyed line, for each key', () => {
    const r = rng(5);
    for (let t = 0; t < 500; t++) {
      const lines = Array.from({ length: 1 + r(12) }, () => WORDS[r(WORDS.length)]);
      const text = lines.join(r(2) ? '\r\n' : '\n') + (r(2) ? '\n' : '');
      const doc = splitDoc(text);
      if (doc.lines.length === 0) continue;
      const find = textFinder(doc);
      for (const [key, whole] of [[keyExact, 'exact'], [keyTrimEnd, 'trimEnd'], [keyTrim, 'trim']] as const) {
        const part = key(doc.lines[r(doc.lines.length)]);
        if (part === '') continue;
        const expected = doc.lines.flatMap((l, i) => (key(l) === part ? [i] : []));
        assert.deepStrictEqual(find(part, Infinity, whole), expected, `trial ${t} ${whole} ${JSON.stringify({ text, part })}`);
      }
      const part = 'x = 1';
      assert.deepStrictEqual(find(part, Infinity), doc.lines.flatMap((l, i) => (l.includes(part) ? [i] : [])), `trial ${t} contains`);
    }
  });
});
