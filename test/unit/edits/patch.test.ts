import * as assert from 'assert';
import { applyPatch, parseAnswer, type DiffHunk } from '../../../src/core/edits';

function hunk(oldStart: number, lines: string[]): DiffHunk {
  return { oldStart, oldLines: 0, newStart: oldStart, newLines: 0, lines };
}

const FILE = ['def a():', '    return 1', '', 'def b():', '    return 2', '', 'def c():', '    return 1', ''].join('\n');

describe('applyPatch', () => {
  it('places hunks by their context even when line numbers are wrong', () => {
    const r = applyPatch(FILE, [hunk(40, [' def b():', '-    return 2', '+    return 22'])]);
    assert.strictEqual(r.newText, FILE.replace('return 2', 'return 22'));
  });

  it('uses the line number only to choose between identical places', () => {
    const r = applyPatch(FILE, [hunk(8, ['-    return 1', '+    return 3'])]);
    assert.strictEqual(r.newText, FILE.replace('def c():\n    return 1', 'def c():\n    return 3'));
    const none = applyPatch(FILE, [hunk(5, ['-    return 1', '+    return 3'])]);
    assert.strictEqual(none.newText, undefined);
    assert.ok(!none.blocks[0].ok && none.blocks[0].reason === 'ambiguous');
  });

  it('re-indents hunks whose context lost its indentation and tolerates missing context spaces', () => {
    const r = applyPatch(FILE, [hunk(4, ['def b():', '-return 2', '+return 2  # two'])]);
    assert.strictEqual(r.newText, FILE.replace('    return 2', '    return 2  # two'));
  });

  it('reports a hunk that does not fit, with no partial result', () => {
    const r = applyPatch(FILE, [hunk(1, [' def a():', '-    return 1', '+    return 0']), hunk(20, [' def zzz():', '-    pass'])]);
    assert.strictEqual(r.newText, undefined);
    assert.deepStrictEqual(r.blocks.map((b) => b.ok), [true, false]);
    assert.match((r.blocks[1] as { message: string }).message, /^Hunk 2/);
  });

  it('applies a parsed diff end to end', () => {
    const answer = ['```diff', '--- a/m.py', '+++ b/m.py', '@@ -4,2 +4,3 @@', ' def b():', '-    return 2', '+    x = 2', '+    return x', '```'].join('\n');
    const change = parseAnswer(answer).changes[0];
    assert.ok(change.kind === 'patch');
    assert.strictEqual(applyPatch(FILE, change.hunks).newText, FILE.replace('    return 2', '    x = 2\n    return x'));
  });
});
