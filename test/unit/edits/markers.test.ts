import * as assert from 'assert';
import { parseAnswer } from '../../../src/core/edits';

const edit = (path: string, search: string, replace: string) => ({ kind: 'edit', path, edits: [{ search, replace }] });

describe('parseAnswer: SEARCH/REPLACE markers of other lengths', () => {
  it('reads < and > runs longer than seven around a seven-= divider', () => {
    const { changes, problems } = parseAnswer(['a.py', '<<<<<<<<<< SEARCH', 'x = 1', '=======', 'x = 2', '>>>>>>>>>> REPLACE'].join('\n'));
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual(changes, [edit('a.py', 'x = 1\n', 'x = 2\n')]);
  });

  it('reads five-long markers with a five-= divider, and nine-long ones with nine', () => {
    for (const n of [5, 9]) {
      const answer = ['a.css', `${'<'.repeat(n)} SEARCH`, 'a { color: red; }', '='.repeat(n), 'a { color: blue; }', `${'>'.repeat(n)} REPLACE`].join('\n');
      assert.deepStrictEqual(parseAnswer(answer).changes, [edit('a.css', 'a { color: red; }\n', 'a { color: blue; }\n')], `markers of ${n}`);
    }
  });

  it('takes the divider that is not a heading underline when the code has = lines too', () => {
    const answer = ['docs/x.md', '<<<<<<< SEARCH', 'Usage', '=====', '', 'Run it.', '=======', 'Usage', '=====', '', 'Run it twice.', '>>>>>>> REPLACE'].join('\n');
    const { changes, problems } = parseAnswer(answer);
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual(changes, [edit('docs/x.md', 'Usage\n=====\n\nRun it.\n', 'Usage\n=====\n\nRun it twice.\n')]);
  });

  it('keeps a seven-= underline of a seven-letter title in the code, choosing the divider after plain text', () => {
    const answer = ['CHANGES.rst', '<<<<<<< SEARCH', 'Changes', '=======', '', '1.0', '=======', 'Changes', '=======', '', '1.1', '>>>>>>> REPLACE'].join('\n');
    const { changes, problems } = parseAnswer(answer);
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual(changes, [edit('CHANGES.rst', 'Changes\n=======\n\n1.0\n', 'Changes\n=======\n\n1.1\n')]);
  });

  it('prefers the divider as long as the block markers when two = lines could serve', () => {
    const answer = ['t.txt', '<<<<<<<<< SEARCH', 'a', '=======', 'b', '=========', 'c', '>>>>>>>>> REPLACE'].join('\n');
    assert.deepStrictEqual(parseAnswer(answer).changes, [edit('t.txt', 'a\n=======\nb\n', 'c\n')]);
  });

  it('refuses a block whose only = line underlines a heading, and one with two equally likely dividers', () => {
    const underline = parseAnswer(['w.rst', '<<<<<<< SEARCH', 'Widget', '======', 'A small widget.', '>>>>>>> REPLACE'].join('\n'));
    assert.deepStrictEqual(underline.changes, []);
    assert.match(underline.problems[0], /Block 1 \(line 2\): its only "=" line \(line 4\) underlines the heading above it/);
    const two = parseAnswer(['t.ts', '<<<<<<< SEARCH', 'a();', '=======', 'b();', '=======', 'c();', '>>>>>>> REPLACE'].join('\n'));
    assert.deepStrictEqual(two.changes, []);
    assert.match(two.problems[0], /2 lines could be its "=======" divider \(lines 4, 6\)/);
  });

  it('reads a heading underline in the prose as prose, and still reports a divider that lost its SEARCH line', () => {
    const prose = ['Summary', '=======', '', 'c.ts', '<<<<<<< SEARCH', 'n = 0', '=======', 'n = 1', '>>>>>>> REPLACE'].join('\n');
    const parsed = parseAnswer(prose);
    assert.deepStrictEqual(parsed.problems, []);
    assert.deepStrictEqual(parsed.changes, [edit('c.ts', 'n = 0\n', 'n = 1\n')]);
    const orphan = parseAnswer(['c.ts', 'n = 0', '=======', 'n = 1', '>>>>>>> REPLACE'].join('\n'));
    assert.deepStrictEqual(orphan.changes, []);
    assert.match(orphan.problems[0], /Line 3: "=======" without a "<<<<<<< SEARCH" line before it/);
  });
});
