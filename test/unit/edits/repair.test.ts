import * as assert from 'assert';
import { applyFileEdits, blockFailures, repairPrompt } from '../../../src/core/edits';

describe('repairPrompt', () => {
  const file = Array.from({ length: 300 }, (_, i) => `const v${i} = ${i};`).join('\n') + '\n';

  it('explains each failure and shows the nearest region with line numbers', () => {
    const r = applyFileEdits(file, [
      { search: 'const v120 = 120;\nlet total = v120 + v121;\nexport default total;', replace: 'x' },
      { search: 'const v5 = 5;', replace: 'const v5 = 6;' },
    ]);
    assert.strictEqual(r.newText, undefined);
    const prompt = repairPrompt('src/values.ts', file, blockFailures(r.blocks));
    assert.match(prompt, /`src\/values\.ts`/);
    assert.ok(prompt.includes((r.blocks[0] as { message: string }).message), 'quotes the failure message');
    assert.match(prompt, /121 \| const v120 = 120;/);
    assert.ok(!/\b250 \| /.test(prompt), 'does not dump the whole large file');
    assert.match(prompt, /SEARCH\/REPLACE/);
  });

  it('lists the candidates of an ambiguous block and shows a small file whole', () => {
    const small = 'if (a) {\n  go();\n}\nif (b) {\n  go();\n}\n';
    const r = applyFileEdits(small, [{ search: '  go();', replace: '  stop();' }]);
    const prompt = repairPrompt('x.ts', small, blockFailures(r.blocks));
    assert.match(prompt, /lines 2, 5/);
    assert.match(prompt, /6 \| \}/);
  });

  it('accepts its own numbered view back verbatim as the search text', () => {
    const code = ['export function price(qty: number): number {', '  const unit = 4;', '  return qty * unit;', '}', ''].join('\n');
    const first = applyFileEdits(code, [{ search: 'const unit = 5;\nreturn qty * unit;', replace: 'x' }]);
    const prompt = repairPrompt('src/price.ts', code, blockFailures(first.blocks));
    const shown = /```\n([^]*?)\n```/.exec(prompt)?.[1] ?? '';
    const copied = shown.split('\n').filter((l) => /unit/.test(l));
    assert.deepStrictEqual(copied, ['2 |   const unit = 4;', '3 |   return qty * unit;']);
    const retry = applyFileEdits(code, [{ search: `${copied.join('\n')}\n`, replace: `${copied[0]}\n3 |   return Math.round(qty * unit);\n` }]);
    assert.strictEqual(retry.newText, code.replace('return qty * unit;', 'return Math.round(qty * unit);'));
  });
});
