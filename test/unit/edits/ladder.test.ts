import * as assert from 'assert';
import { applyFileEdits, type BlockResult } from '../../../src/core/edits';

function placed(text: string, search: string, replace: string): { text: string; block: BlockResult } {
  const r = applyFileEdits(text, [{ search, replace }]);
  assert.ok(r.newText !== undefined, `expected the block to apply: ${JSON.stringify(r.blocks)}`);
  return { text: r.newText, block: r.blocks[0] };
}

function refused(text: string, search: string, replace: string): Extract<BlockResult, { ok: false }> {
  const r = applyFileEdits(text, [{ search, replace }]);
  assert.strictEqual(r.newText, undefined, 'expected a refusal');
  const b = r.blocks[0];
  assert.ok(!b.ok);
  return b;
}

const TS = [
  'import { readFile } from "fs";',
  '',
  'export function total(items: Item[]): number {',
  '  let sum = 0;',
  '  for (const item of items) {',
  '    sum += item.price * item.qty;',
  '  }',
  '  return sum;',
  '}',
  '',
].join('\n');

describe('applyFileEdits: exact rung', () => {
  it('replaces a verbatim multi-line passage and reports its lines', () => {
    const { text, block } = placed(TS, '  let sum = 0;\n  for (const item of items) {', '  let sum = 0;\n  for (const item of items.filter(Boolean)) {');
    assert.ok(text.includes('items.filter(Boolean)'));
    assert.deepStrictEqual(block, { ok: true, rung: 'exact', startLine: 4, endLine: 5 });
  });

  it('replaces a fragment inside a line when it occurs once', () => {
    const { text } = placed(TS, 'item.price * item.qty', 'item.price * item.qty * (1 - item.discount)');
    assert.ok(text.includes('    sum += item.price * item.qty * (1 - item.discount);\n'));
  });

  it('deleting whole lines leaves no blank line behind', () => {
    const { text } = placed('a\nremove me\nb\n', 'remove me', '');
    assert.strictEqual(text, 'a\nb\n');
    assert.strictEqual(placed('a\nlast', 'last', '').text, 'a');
  });

  it('inserts into an empty file when the search is empty', () => {
    assert.strictEqual(placed('', '', 'hello\n').text, 'hello\n');
  });

  it('refuses an empty search on a non-empty file as ambiguous, asking for the lines to replace', () => {
    const b = refused(TS, '', 'x');
    assert.strictEqual(b.reason, 'ambiguous');
    assert.match(b.message, /search text is empty.*quote the lines to replace/);
  });

  it('prefers the one whole-line occurrence over fragments inside other lines', () => {
    const { text } = placed('const retries = 3;\nlog("const retries = 3;");\n', 'const retries = 3;', 'const retries = 5;');
    assert.strictEqual(text, 'const retries = 5;\nlog("const retries = 3;");\n');
  });
});

describe('applyFileEdits: whitespace rung', () => {
  it('matches LF search text in a CRLF file and keeps CRLF everywhere', () => {
    const crlf = TS.replace(/\n/g, '\r\n');
    const { text, block } = placed(crlf, '  let sum = 0;\n  for (const item of items) {\n', '  let sum = 0;\n  let n = 0;\n  for (const item of items) {\n');
    assert.strictEqual(block.ok && block.rung, 'whitespace');
    assert.ok(text.includes('  let sum = 0;\r\n  let n = 0;\r\n  for'));
    assert.ok(!/[^\r]\n/.test(text), 'every line break stays CRLF');
  });

  it('ignores trailing spaces in the file and keeps them on untouched lines', () => {
    const file = 'def f(x):   \n    y = x + 1  \n    return y\n';
    const { text, block } = placed(file, 'def f(x):\n    y = x + 1\n    return y', 'def f(x):\n    y = x + 1\n    return y * 2');
    assert.strictEqual(block.ok && block.rung, 'whitespace');
    assert.strictEqual(text, 'def f(x):   \n    y = x + 1  \n    return y * 2\n');
  });

  it('keeps a byte-order mark while changing the first line', () => {
    const { text } = placed('\uFEFFusing System;\nusing System.IO;\n', 'using System;\nusing System.IO;\n', 'using System;\nusing System.Linq;\n');
    assert.strictEqual(text, '\uFEFFusing System;\nusing System.Linq;\n');
  });

  it('keeps a missing final newline missing', () => {
    const { text } = placed('a  \nb  \nc', 'a\nb\nc', 'a\nB\nc');
    assert.strictEqual(text, 'a  \nB\nc');
  });
});

describe('applyFileEdits: indentation rung', () => {
  it('finds a block quoted without its indentation and re-indents the replacement', () => {
    const { text, block } = placed(TS, 'for (const item of items) {\n  sum += item.price * item.qty;\n}', 'for (const item of items) {\n  if (!item) continue;\n  sum += item.price * item.qty;\n}');
    assert.strictEqual(block.ok && block.rung, 'indentation');
    assert.ok(text.includes('  for (const item of items) {\n    if (!item) continue;\n    sum += item.price * item.qty;\n  }\n'), text);
  });

  it('writes tabs into a tab-indented file when the model used spaces', () => {
    const go = 'func main() {\n\tfor i := 0; i < 3; i++ {\n\t\tfmt.Println(i)\n\t}\n}\n';
    const { text } = placed(go, '    for i := 0; i < 3; i++ {\n        fmt.Println(i)\n    }', '    for i := 0; i < 3; i++ {\n        if i == 1 {\n            continue\n        }\n        fmt.Println(i)\n    }');
    assert.strictEqual(text, 'func main() {\n\tfor i := 0; i < 3; i++ {\n\t\tif i == 1 {\n\t\t\tcontinue\n\t\t}\n\t\tfmt.Println(i)\n\t}\n}\n');
  });

  it('maps 2-space model indentation onto a 4-space file', () => {
    const py = 'class A:\n    def run(self):\n        if self.ready:\n            self.go()\n';
    const { text } = placed(py, 'def run(self):\n  if self.ready:\n    self.go()', 'def run(self):\n  if self.ready:\n    self.go()\n  else:\n    self.wait()');
    assert.strictEqual(text, 'class A:\n    def run(self):\n        if self.ready:\n            self.go()\n        else:\n            self.wait()\n');
  });
});

describe('applyFileEdits: fuzzy rung', () => {
  it('places a block whose one line drifted, keeping the file version of unchanged lines', () => {
    const search = 'export function total(items: Item[]): number {\n  let sum = 0;\n  for (const it of items) {\n    sum += item.price * item.qty;\n  }\n  return sum;';
    const replace = 'export function total(items: Item[]): number {\n  let sum = 0;\n  for (const it of items) {\n    sum += item.price * item.qty;\n  }\n  return Math.round(sum);';
    const { text, block } = placed(TS, search, replace);
    assert.strictEqual(block.ok && block.rung, 'fuzzy');
    assert.ok(text.includes('  for (const item of items) {'), 'the drifted line keeps the file text');
    assert.ok(text.includes('  return Math.round(sum);'));
  });

  it('refuses when two places resemble the search about equally', () => {
    const file = 'function a() {\n  const x = load(1);\n  save(x, "a");\n}\nfunction b() {\n  const x = load(2);\n  save(x, "b");\n}\n';
    const b = refused(file, 'const x = load(3);\nsave(x, "c");', 'noop();');
    assert.strictEqual(b.reason, 'ambiguous');
    if (b.reason === 'ambiguous') assert.deepStrictEqual(b.candidates.map((c) => c.startLine), [2, 6]);
  });

  it('does not fuzzily place a single short line', () => {
    const b = refused('const retries = 3;\n', 'const retries = 4;', 'const retries = 5;');
    assert.strictEqual(b.reason, 'not-found');
  });
});

describe('applyFileEdits: elision rung', () => {
  const file = 'class Cart {\n  add(item) {\n    this.items.push(item);\n    this.save();\n  }\n\n  clear() {\n    this.items = [];\n  }\n}\n';

  it('keeps the code a "// ... existing code ..." line stands for', () => {
    const { text, block } = placed(file, '  add(item) {\n    // ... existing code ...\n  }', '  add(item) {\n    // ... existing code ...\n    this.emit("added", item);\n  }');
    assert.strictEqual(block.ok && block.rung, 'elision');
    assert.strictEqual(text, file.replace('    this.save();\n  }', '    this.save();\n    this.emit("added", item);\n  }'));
  });

  it('refuses when the code around "..." fits more than one way', () => {
    const b = refused(file, '  add(item) {\n...\n  }', '  add(item) {\n...\n  } // end');
    assert.strictEqual(b.reason, 'ambiguous');
  });

  it('prefers the one reading at the exact indentation', () => {
    const { text } = placed(file, '  }\n...\n  }', '  }\n...\n  } // end of clear');
    assert.ok(text.includes('    this.items = [];\n  } // end of clear\n}\n'), text);
  });

  it('refuses a placeholder in the replacement that the search does not have', () => {
    const b = refused(file, '  clear() {\n    this.items = [];\n  }', '  clear() {\n    // ... existing code ...\n    this.save();\n  }');
    assert.strictEqual(b.reason, 'invalid');
    assert.match(b.message, /placeholder/);
  });
});

describe('applyFileEdits: refusals and sequencing', () => {
  it('refuses duplicates with the lines of every candidate', () => {
    const file = 'if (a) {\n  return null;\n}\nif (b) {\n  return null;\n}\n';
    const b = refused(file, '  return null;', '  return undefined;');
    assert.strictEqual(b.reason, 'ambiguous');
    if (b.reason === 'ambiguous') assert.deepStrictEqual(b.candidates, [{ startLine: 2, endLine: 2 }, { startLine: 5, endLine: 5 }]);
    assert.match(b.message, /lines 2, 5/);
  });

  it('reports the nearest text, its lines and similarity when nothing matches', () => {
    const b = refused(TS, 'export function totl(items: Item[]): number {\n  let summ = 0;\n  while (true) {', 'x');
    assert.strictEqual(b.reason, 'not-found');
    if (b.reason === 'not-found') {
      assert.ok(b.nearest, 'has a nearest text');
      assert.strictEqual(b.nearest?.startLine, 3);
      assert.ok(b.nearest!.text.startsWith('export function total('));
      assert.ok(b.nearest!.similarity > 0.5 && b.nearest!.similarity < 0.8, String(b.nearest!.similarity));
    }
  });

  it('says a block looks already applied when only its replacement is present', () => {
    const b = refused('let a = 1;\nlet b = 2;\n', 'let a = 0;\nlet b = 0;', 'let a = 1;\nlet b = 2;');
    assert.strictEqual(b.reason, 'stale');
  });

  it('applies blocks in order to the evolving text', () => {
    const r = applyFileEdits('one\ntwo\n', [
      { search: 'one', replace: 'uno' },
      { search: 'uno\ntwo', replace: 'uno\ndos' },
    ]);
    assert.strictEqual(r.newText, 'uno\ndos\n');
  });

  it('gives no text at all when one block fails, and reports every block', () => {
    const r = applyFileEdits('one\ntwo\nthree\n', [
      { search: 'one', replace: '1' },
      { search: 'missing entirely here', replace: '?' },
      { search: 'three', replace: '3' },
    ]);
    assert.strictEqual(r.newText, undefined);
    assert.deepStrictEqual(r.blocks.map((b) => b.ok), [true, false, true]);
    const failed = r.blocks[1];
    assert.ok(!failed.ok && failed.index === 1 && /Block 2/.test(failed.message));
  });
});

describe('applyFileEdits: fuzzy windows must line up', () => {
  it('refuses a window shifted by a line the file gained, instead of leaving a brace behind', () => {
    const body = Array.from({ length: 10 }, (_, i) => `  registerRoute("/api/v1/resource${i}", handler${i});`);
    const file = ['function routes(app) {', ...body, '  registerRoute("/health", healthHandler);', '}', ''].join('\n');
    const search = ['function routes(app) {', ...body, '}'].join('\n');
    const replace = ['function routes(app) {', ...body, '  registerRoute("/metrics", metricsHandler);', '}'].join('\n');
    const b = refused(file, search, replace);
    assert.strictEqual(b.reason, 'not-found');
  });
});

describe('applyFileEdits: str_replace-style searches', () => {
  it('re-indents a replacement whose search started after the first line\'s indentation', () => {
    const file = 'function f() {\n  foo();\n  bar();\n}\n';
    const { text } = placed(file, 'foo();\n  bar();', 'foo2();\n  bar2();\n  baz();');
    assert.strictEqual(text, 'function f() {\n  foo2();\n  bar2();\n  baz();\n}\n');
  });
});
