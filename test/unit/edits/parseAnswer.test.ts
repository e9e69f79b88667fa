import * as assert from 'assert';
import { parseAnswer } from '../../../src/core/edits';

const F = '```';

describe('parseAnswer: SEARCH/REPLACE blocks', () => {
  it('reads several blocks for one bare path', () => {
    const answer = ['Here you go.', '', 'src/cart.ts', '<<<<<<< SEARCH', 'a()', '=======', 'b()', '>>>>>>> REPLACE', '<<<<<<< SEARCH', 'c()', '=======', 'd()', '>>>>>>> REPLACE'].join('\n');
    const { changes, problems } = parseAnswer(answer);
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual(changes, [{ kind: 'edit', path: 'src/cart.ts', edits: [{ search: 'a()\n', replace: 'b()\n' }, { search: 'c()\n', replace: 'd()\n' }] }]);
  });

  it('reads blocks inside a fence with the path in backticks before it', () => {
    const answer = ['`lib/util.py`', `${F}python`, '<<<<<<< SEARCH', 'def f():', '    return 1', '=======', 'def f():', '    return 2', '>>>>>>> REPLACE', F].join('\n');
    const { changes, problems } = parseAnswer(answer);
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual(changes, [{ kind: 'edit', path: 'lib/util.py', edits: [{ search: 'def f():\n    return 1\n', replace: 'def f():\n    return 2\n' }] }]);
  });

  it('keeps blocks for different files apart, with paths in fence info', () => {
    const answer = [`${F}ts path=a.ts`, '<<<<<<< SEARCH', 'x', '=======', 'y', '>>>>>>> REPLACE', F, '', `${F}ts:b.ts`, '<<<<<<< SEARCH', 'p', '=======', 'q', '>>>>>>> REPLACE', F].join('\n');
    const { changes } = parseAnswer(answer);
    assert.deepStrictEqual(changes.map((c) => c.kind === 'edit' && c.path), ['a.ts', 'b.ts']);
  });

  it('keeps fences that are part of the searched text (markdown files)', () => {
    const answer = ['README.md', '<<<<<<< SEARCH', `${F}bash`, 'npm i', F, '=======', `${F}bash`, 'npm ci', F, '>>>>>>> REPLACE'].join('\n');
    const { changes } = parseAnswer(answer);
    assert.deepStrictEqual(changes, [{ kind: 'edit', path: 'README.md', edits: [{ search: `${F}bash\nnpm i\n${F}\n`, replace: `${F}bash\nnpm ci\n${F}\n` }] }]);
  });

  it('reports a block without a divider, naming block and line', () => {
    const { changes, problems } = parseAnswer(['a.ts', '<<<<<<< SEARCH', 'x', '>>>>>>> REPLACE'].join('\n'));
    assert.deepStrictEqual(changes, []);
    assert.strictEqual(problems.length, 1);
    assert.match(problems[0], /Block 1 \(line 2\).*divider/);
  });

  it('reports an unterminated block and still reads the next one', () => {
    const answer = ['a.ts', '<<<<<<< SEARCH', 'x', '=======', 'y', '', 'b.ts', '<<<<<<< SEARCH', 'p', '=======', 'q', '>>>>>>> REPLACE'].join('\n');
    const { changes, problems } = parseAnswer(answer);
    assert.match(problems[0], /Block 1 \(line 2\).*never ended/);
    assert.deepStrictEqual(changes, [{ kind: 'edit', path: 'b.ts', edits: [{ search: 'p\n', replace: 'q\n' }] }]);
  });

  it('reports a block with no path', () => {
    const { problems } = parseAnswer(['Change this:', '<<<<<<< SEARCH', 'x', '=======', 'y', '>>>>>>> REPLACE'].join('\n'));
    assert.match(problems[0], /Block 1 \(line 2\): no file path/);
  });
});

describe('parseAnswer: unified diffs', () => {
  it('reads a git diff with a/ b/ prefixes and two hunks', () => {
    const answer = [`${F}diff`, 'diff --git a/src/x.ts b/src/x.ts', '--- a/src/x.ts', '+++ b/src/x.ts', '@@ -1,3 +1,3 @@', ' a', '-b', '+B', ' c', '@@ -10,2 +10,2 @@', ' y', '-z', '+Z', F].join('\n');
    const { changes, problems } = parseAnswer(answer);
    assert.deepStrictEqual(problems, []);
    assert.strictEqual(changes.length, 1);
    const c = changes[0];
    assert.ok(c.kind === 'patch');
    assert.strictEqual(c.path, 'src/x.ts');
    assert.deepStrictEqual(c.hunks.map((h) => [h.oldStart, h.lines]), [
      [1, [' a', '-b', '+B', ' c']],
      [10, [' y', '-z', '+Z']],
    ]);
  });

  it('turns /dev/null into create and delete, and reads several files', () => {
    const answer = [`${F}diff`, '--- /dev/null', '+++ b/new.txt', '@@ -0,0 +1,2 @@', '+hello', '+world', '--- a/old.txt', '+++ /dev/null', '@@ -1 +0,0 @@', '-bye', F].join('\n');
    const { changes } = parseAnswer(answer);
    assert.deepStrictEqual(changes, [
      { kind: 'create', path: 'new.txt', content: 'hello\nworld\n', newFile: true },
      { kind: 'delete', path: 'old.txt' },
    ]);
  });

  it('reads git renames', () => {
    const answer = [`${F}diff`, 'diff --git a/a.ts b/b.ts', 'similarity index 100%', 'rename from a.ts', 'rename to b.ts', F].join('\n');
    assert.deepStrictEqual(parseAnswer(answer).changes, [{ kind: 'rename', from: 'a.ts', to: 'b.ts' }]);
  });

  it('uses the path named before a diff fence that has no file headers', () => {
    const { changes, problems } = parseAnswer(['`src/x.ts`', `${F}diff`, '@@ -1 +1 @@', '-a', '+b', F].join('\n'));
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual(changes, [{ kind: 'patch', path: 'src/x.ts', hunks: [{ oldStart: 1, oldLines: 1, newStart: 1, newLines: 1, lines: ['-a', '+b'] }] }]);
  });

  it('reports hunks without file headers', () => {
    const { problems } = parseAnswer([`${F}diff`, '@@ -1 +1 @@', '-a', '+b', F].join('\n'));
    assert.match(problems[0], /file headers/);
  });
});

describe('parseAnswer: whole files', () => {
  it('takes the path from the line before, fence info or a first-line comment', () => {
    const answer = [
      '`src/a.ts`', `${F}ts`, 'export const a = 1;', F, '',
      `${F}python path=tools/b.py`, 'print("b")', F, '',
      `${F}go`, '// cmd/c.go', 'package main', F, '',
      `${F}js`, 'console.log("just an illustration")', F,
    ].join('\n');
    const { changes, problems } = parseAnswer(answer);
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual(changes, [
      { kind: 'create', path: 'src/a.ts', content: 'export const a = 1;\n' },
      { kind: 'create', path: 'tools/b.py', content: 'print("b")\n' },
      { kind: 'create', path: 'cmd/c.go', content: 'package main\n' },
    ]);
  });

  it('refuses a "whole file" that elides code with a placeholder', () => {
    const { changes, problems } = parseAnswer(['src/a.ts', `${F}ts`, 'import x from "x";', '// ... existing code ...', 'export {}', F].join('\n'));
    assert.deepStrictEqual(changes, []);
    assert.match(problems[0], /src\/a\.ts.*placeholder/);
  });

  it('refuses a whole file whose fence is never closed', () => {
    const { changes, problems } = parseAnswer(['src/a.ts', `${F}ts`, 'export const a = 1;'].join('\n'));
    assert.deepStrictEqual(changes, []);
    assert.match(problems[0], /never closed/);
  });
});
