import * as assert from 'assert';
import { applyFileEdits } from '../../../src/core/edits';

/** Deterministic pseudo-random numbers so a failure can be replayed. */
function rng(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s >>> 8) % n;
  };
}

const STATEMENTS = ['x += 1;', 'return x;', 'log(x);', 'if (x > limit) {', '}', 'const y = x * 2;', 'await flush();', 'items.push(x);', ''];

/** A file with deliberate repetition, so many windows are ambiguous. */
function makeFile(r: (n: number) => number, lines: number, kinds = STATEMENTS.length): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) out.push(`${'  '.repeat(r(2))}${STATEMENTS[r(kinds)]}`);
  return out;
}

function occurrences(file: string[], window: string[], key: (l: string) => string): number {
  let n = 0;
  for (let i = 0; i + window.length <= file.length; i++) {
    if (window.every((l, j) => key(file[i + j]) === key(l))) n++;
  }
  return n;
}

describe('applyFileEdits on random windows', () => {
  it('applies a copied window exactly when it is unique and refuses it otherwise', () => {
    const r = rng(7);
    let applied = 0;
    let refused = 0;
    for (let t = 0; t < 400; t++) {
      const file = makeFile(r, 40, 4);
      const start = r(36);
      const height = 2 + r(3);
      const window = file.slice(start, start + height);
      if (window.every((l) => l.trim() === '')) continue;
      const marker = `  mark${t}();`;
      const text = `${file.join('\n')}\n`;
      const result = applyFileEdits(text, [{ search: `${window.join('\n')}\n`, replace: `${window.join('\n')}\n${marker}\n` }]);
      // Blank edge lines are matched loosely, so count with the same edges the engine keeps.
      let a = 0;
      let b = window.length;
      while (a < b && window[a].trim() === '') a++;
      while (b > a && window[b - 1].trim() === '') b--;
      const unique = occurrences(file, window, (l) => l) === 1 && occurrences(file, window.slice(a, b), (l) => l.trimEnd()) === 1;
      if (result.newText !== undefined) {
        applied++;
        const expected = [...file.slice(0, start + height), marker, ...file.slice(start + height)].join('\n') + '\n';
        if (occurrences(file, window, (l) => l) === 1) assert.strictEqual(result.newText, expected, `trial ${t}`);
        else assert.fail(`trial ${t}: applied a window that occurs ${occurrences(file, window, (l) => l)} times`);
      } else {
        refused++;
        assert.ok(!unique, `trial ${t}: refused a unique window: ${JSON.stringify(result.blocks)}`);
        const b0 = result.blocks[0];
        assert.ok(!b0.ok && b0.reason === 'ambiguous', `trial ${t}: ${JSON.stringify(b0)}`);
      }
    }
    assert.ok(applied > 50 && refused > 50, `both outcomes exercised: ${applied} applied, ${refused} refused`);
  });

  it('places re-indented, CRLF copies of unique windows at the right lines', () => {
    const r = rng(11);
    let checked = 0;
    for (let t = 0; t < 300; t++) {
      const file = makeFile(r, 30).map((l, i) => `${l} // ${i % 7}`);
      const start = r(26);
      const height = 3 + r(2);
      const window = file.slice(start, start + height);
      if (occurrences(file, window, (l) => l.trim()) !== 1) continue;
      const crlf = `${file.join('\r\n')}\r\n`;
      const flattened = window.map((l) => l.trim());
      const result = applyFileEdits(crlf, [{ search: flattened.join('\n'), replace: `${flattened.join('\n')}\nadded${t}();` }]);
      assert.ok(result.newText !== undefined, `trial ${t}: ${JSON.stringify(result.blocks)}`);
      const lines = result.newText.split('\r\n');
      assert.deepStrictEqual(lines.slice(0, start + height), file.slice(0, start + height), `trial ${t}`);
      assert.strictEqual(lines[start + height].trim(), `added${t}();`);
      assert.deepStrictEqual(lines.slice(start + height + 1, -1), file.slice(start + height), `trial ${t}`);
      assert.ok(!/[^\r]\n/.test(result.newText), 'CRLF kept');
      checked++;
    }
    assert.ok(checked > 100, `checked ${checked}`);
  });

  it('places windows quoted with blank lines missing or added only where their lines are, keeping the file\'s blank lines', () => {
    const r = rng(23);
    let placed = 0;
    for (let t = 0; t < 400; t++) {
      const file = makeFile(r, 40);
      const start = r(34);
      const window = file.slice(start, start + 3 + r(4));
      while (window.length && window[0].trim() === '') window.shift();
      while (window.length && window[window.length - 1].trim() === '') window.pop();
      const lines = window.filter((l) => l.trim() !== '');
      if (lines.length < 2 || window.length === lines.length) continue;
      // The model dropped the window's blank lines and put one of its own somewhere.
      const search = [...lines];
      if (r(2)) search.splice(1 + r(lines.length - 1), 0, '');
      const marker = `  mark${t}();`;
      const result = applyFileEdits(`${file.join('\n')}\n`, [{ search: `${search.join('\n')}\n`, replace: `${search.join('\n')}\n${marker}\n` }]);
      // Where the lines occur, blank lines and indentation aside (the loosest reading the engine may use).
      const nonBlank = file.map((l, i) => [l.trim(), i] as const).filter(([l]) => l !== '');
      const ends = nonBlank.flatMap((_, k) => (lines.every((l, j) => nonBlank[k + j]?.[0] === l.trim()) ? [nonBlank[k + lines.length - 1][1]] : []));
      if (result.newText === undefined) {
        assert.ok(ends.length > 1, `trial ${t}: refused a window whose lines occur once: ${JSON.stringify(result.blocks)}`);
        const b0 = result.blocks[0];
        assert.ok(!b0.ok && b0.reason === 'ambiguous', `trial ${t}: ${JSON.stringify(b0)}`);
        continue;
      }
      const out = result.newText.split('\n');
      const at = out.findIndex((l) => l.trim() === marker.trim());
      assert.deepStrictEqual([...out.slice(0, at), ...out.slice(at + 1)].join('\n'), `${file.join('\n')}\n`, `trial ${t}: only the marker was added`);
      assert.ok(ends.includes(at - 1), `trial ${t}: the marker follows an occurrence of the lines (line ${at})`);
      if (ends.length === 1) placed++;
    }
    assert.ok(placed > 40, `placed ${placed} unique windows`);
  });
});
