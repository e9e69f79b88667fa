import * as assert from 'assert';
import { LineIndex, minimalReplace } from '../../../src/core/review/textRange';

function applied(oldText: string, newText: string): string {
  const r = minimalReplace(oldText, newText);
  return oldText.slice(0, r.start) + r.text + oldText.slice(r.end);
}

describe('minimalReplace', () => {
  it('replaces only the changed middle', () => {
    assert.deepStrictEqual(minimalReplace('abc XYZ def', 'abc 123 def'), { start: 4, end: 7, text: '123' });
  });

  it('handles insertions, deletions, identical and empty texts', () => {
    assert.deepStrictEqual(minimalReplace('ac', 'abc'), { start: 1, end: 1, text: 'b' });
    assert.deepStrictEqual(minimalReplace('abc', 'ac'), { start: 1, end: 2, text: '' });
    assert.deepStrictEqual(minimalReplace('same', 'same'), { start: 4, end: 4, text: '' });
    assert.deepStrictEqual(minimalReplace('', 'new'), { start: 0, end: 0, text: 'new' });
    assert.deepStrictEqual(minimalReplace('old', ''), { start: 0, end: 3, text: '' });
  });

  it('does not let prefix and suffix overlap on repeated text', () => {
    for (const [a, b] of [['aaa', 'aaaa'], ['aaaa', 'aa'], ['abab', 'ab'], ['x\nx\n', 'x\n']]) {
      assert.strictEqual(applied(a!, b!), b, `${JSON.stringify(a)} -> ${JSON.stringify(b)}`);
    }
  });

  it('never splits a surrogate pair', () => {
    const r = minimalReplace('a😀b', 'a😃b');
    assert.strictEqual(r.text, '😃');
    assert.strictEqual(applied('a😀b', 'a😃b'), 'a😃b');
  });
});

describe('minimalReplace and LineIndex on line endings', () => {
  it('never puts a boundary between the \\r and \\n of a CRLF', () => {
    const r = minimalReplace('a\r\nb', 'a\nb');
    assert.ok(r.start === 1 && r.end === 3 && r.text === '\n', JSON.stringify(r));
    assert.strictEqual(applied('a\r\nb', 'a\nb'), 'a\nb');
    const s = minimalReplace('x\r\ny', 'x\r\r\ny');
    assert.strictEqual(applied('x\r\ny', 'x\r\r\ny'), 'x\r\r\ny');
    assert.ok(!(s.start > 0 && 'x\r\ny'[s.start - 1] === '\r' && 'x\r\ny'[s.start] === '\n'), JSON.stringify(s));
  });

  it('counts lines the way an editor does: CRLF, CR and LF each end a line, and are not part of it', () => {
    const text = 'ab\r\ncd\ref\ngh';
    const lines = new LineIndex(text);
    const at = (offset: number) => lines.positionAt(offset);
    assert.deepStrictEqual([0, 2, 3, 4, 6, 7, 9, 10, 12].map(at), [
      { line: 0, character: 0 },
      { line: 0, character: 2 },
      { line: 0, character: 2 },
      { line: 1, character: 0 },
      { line: 1, character: 2 },
      { line: 2, character: 0 },
      { line: 2, character: 2 },
      { line: 3, character: 0 },
      { line: 3, character: 2 },
    ]);
    assert.deepStrictEqual(new LineIndex('').positionAt(0), { line: 0, character: 0 });
    assert.deepStrictEqual(new LineIndex('a\n').positionAt(2), { line: 1, character: 0 });
  });
});
