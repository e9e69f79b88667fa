import * as assert from 'assert';
import { minimalReplace } from '../../../src/core/review/textRange';

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
