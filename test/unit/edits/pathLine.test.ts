import * as assert from 'assert';
import { parseAnswer } from '../../../src/core/edits';
import { barePathCandidates } from '../../../src/core/edits/pathLine';

const F = '```';
const block = ['<<<<<<< SEARCH', 'old', '=======', 'new', '>>>>>>> REPLACE'];

describe('parseAnswer: paths', () => {
  it('takes a line naming an existing file without an extension as its path, and only when it exists', () => {
    const answer = ['Caddyfile', ...block].join('\n');
    const existing = parseAnswer(answer, { exists: (p) => p === 'Caddyfile' });
    assert.deepStrictEqual(existing.problems, []);
    assert.deepStrictEqual(existing.changes, [{ kind: 'edit', path: 'Caddyfile', edits: [{ search: 'old\n', replace: 'new\n' }] }]);
    const missing = parseAnswer(answer, { exists: () => false });
    assert.deepStrictEqual(missing.changes, []);
    assert.match(missing.problems[0], /no file path/);
  });

  it('takes an existing bare name in bold or in backticks in prose', () => {
    const exists = (p: string) => p === 'VERSION' || p === 'CODEOWNERS';
    assert.deepStrictEqual(parseAnswer(['**VERSION**', F, ...block, F].join('\n'), { exists }).changes.map((c) => c.kind === 'edit' && c.path), ['VERSION']);
    assert.deepStrictEqual(parseAnswer(['Add the owner in `CODEOWNERS`:', '', ...block].join('\n'), { exists }).changes.map((c) => c.kind === 'edit' && c.path), ['CODEOWNERS']);
  });

  it('takes a path alone in its own code block right before the block\'s code block, for blocks and whole files', () => {
    const blocks = parseAnswer([F, 'src/routes.js', F, '', `${F}js`, ...block, F].join('\n'));
    assert.deepStrictEqual(blocks.problems, []);
    assert.deepStrictEqual(blocks.changes, [{ kind: 'edit', path: 'src/routes.js', edits: [{ search: 'old\n', replace: 'new\n' }] }]);
    const whole = parseAnswer(['Update `other.ts`:', `${F}text`, '.dockerignore', F, F, 'node_modules', F].join('\n'));
    assert.deepStrictEqual(whole.problems, []);
    assert.deepStrictEqual(whole.changes, [{ kind: 'create', path: '.dockerignore', content: 'node_modules\n' }], 'the path block is not itself a file');
  });

  it('marks a whole file announced as new, and not one that is only named', () => {
    const parse = (lines: string[]) => parseAnswer([...lines, `${F}ts`, 'export {};', F].join('\n')).changes[0];
    for (const announced of [['Create `src/a.ts`:'], ['New file: src/a.ts'], ['**src/a.ts** (new)'], ['Here is the new file:', '', 'src/a.ts']]) {
      assert.deepStrictEqual(parse(announced), { kind: 'create', path: 'src/a.ts', content: 'export {};\n', newFile: true }, announced.join(' / '));
    }
    for (const named of [['src/a.ts'], ['Here is the new version of `src/a.ts`:']]) {
      assert.deepStrictEqual(parse(named), { kind: 'create', path: 'src/a.ts', content: 'export {};\n' }, named.join(' / '));
    }
  });

  it('lists the lines that would be paths if their files existed, so the caller can check only those', () => {
    const answer = ['Vagrantfile', 'src/a.ts', 'Makefile', 'In `Brewfile`:', 'Explanation of the change', '**VERSION**', 'plain prose here.'].join('\n');
    assert.deepStrictEqual(barePathCandidates(answer), ['Vagrantfile', 'Brewfile', 'VERSION']);
  });
});
