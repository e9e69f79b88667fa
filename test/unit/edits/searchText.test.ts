import * as assert from 'assert';
import { applyOne as apply } from './applyOne';

const TWICE = ['function a() {', '  flush();', '  close();', '}', '', 'function b() {', '  flush();', '  close();', '}', ''].join('\n');

describe('search text: hint headers', () => {
  it('reads :start_line: and ------- at the top of the search as a hint, not as text', () => {
    const { text, block } = apply(TWICE, ':start_line:2\n-------\n  flush();\n  close();\n', '  flush();\n  close(true);\n');
    assert.strictEqual(text, TWICE.replace('  close();\n}\n\nfunction b', '  close(true);\n}\n\nfunction b'));
    assert.deepStrictEqual(block, { ok: true, rung: 'exact', startLine: 2, endLine: 3 });
  });

  it('lets the hint choose between equal places, and :end_line: alone does too', () => {
    assert.strictEqual(apply(TWICE, ':start_line:7\n-------\n  flush();\n  close();\n', '  flush();\n  close(1);\n').text, TWICE.replace('  close();\n}\n', 'XX').replace('  close();\n}\n', '  close(1);\n}\n').replace('XX', '  close();\n}\n'));
    assert.strictEqual(apply(TWICE, ':end_line:3\n-------\n  flush();\n  close();\n', '  flush();\n  close(2);\n').text, TWICE.replace('  close();', '  close(2);'));
  });

  it('still refuses equal places when the hint points at neither', () => {
    const { block } = apply(TWICE, ':start_line:40\n-------\n  flush();\n  close();\n', 'x\n');
    assert.ok(!block.ok && block.reason === 'ambiguous');
  });

  it('refuses hint lines in the replacement instead of writing them into the file', () => {
    const { text, block } = apply(TWICE, ':start_line:2\n-------\n  flush();\n', ':start_line:2\n-------\n  flush(true);\n');
    assert.strictEqual(text, undefined);
    assert.ok(!block.ok && block.reason === 'invalid');
    assert.match(block.ok ? '' : block.message, /Block 1: the replacement contains the line hint ":start_line:2", which would be written into the file as text/);
    const separator = apply(TWICE, ':start_line:2\n-------\n  flush();\n', '-------\n  flush(true);\n');
    assert.match(separator.block.ok ? '' : separator.block.message, /the replacement starts with the header line "-------"/);
  });

  it('reads a lone ------- line as a header only when the file has no such line', () => {
    const rst = 'Title\n-------\n\nBody.\n';
    assert.strictEqual(apply(rst, '-------\n\nBody.\n', '-------\n\nMore body.\n').text, 'Title\n-------\n\nMore body.\n');
    assert.strictEqual(apply('Body.\n', '-------\nBody.\n', 'More body.\n').text, 'More body.\n');
  });
});

describe('search text: line-number prefixes', () => {
  const file = ['def load(path):', '    with open(path) as f:', '        return f.read()', '', 'def save(path, data):', '    with open(path, "w") as f:', '        f.write(data)', ''].join('\n');

  it('strips "N | " prefixes from search and replacement when the text without them is there', () => {
    const search = '5 | def save(path, data):\n6 |     with open(path, "w") as f:\n7 |         f.write(data)\n';
    const replace = '5 | def save(path, data):\n6 |     with open(path, "w", encoding="utf-8") as f:\n7 |         f.write(data)\n';
    assert.strictEqual(apply(file, search, replace).text, file.replace('open(path, "w")', 'open(path, "w", encoding="utf-8")'));
  });

  it('strips "N:" and "N<tab>" prefixes, with unnumbered replacement lines kept as written', () => {
    assert.strictEqual(apply(file, '2:    with open(path) as f:\n3:        return f.read()\n', '    with open(path) as f:\n        return f.read().strip()\n').text, file.replace('f.read()\n', 'f.read().strip()\n'));
    assert.strictEqual(apply(file, '     1\tdef load(path):\n     2\t    with open(path) as f:\n', 'def load(path, mode="r"):\n    with open(path, mode) as f:\n').text, file.replace('def load(path):\n    with open(path) as f:', 'def load(path, mode="r"):\n    with open(path, mode) as f:'));
  });

  it('lets the numbers choose between equal places', () => {
    const { text } = apply(TWICE, '7 |   flush();\n8 |   close();\n', '  flush();\n  close(b);\n');
    assert.strictEqual(text, TWICE.replace('function b() {\n  flush();\n  close();', 'function b() {\n  flush();\n  close(b);'));
  });

  it('matches numbered lines that are the file\'s own text as they are', () => {
    const yaml = 'levels:\n  1: low\n  2: high\n';
    assert.strictEqual(apply(yaml, '  1: low\n  2: high\n', '  1: low\n  2: high\n  3: critical\n').text, 'levels:\n  1: low\n  2: high\n  3: critical\n');
  });

  it('refuses numbered lines whose numbers do not count up, instead of matching them loosely', () => {
    const { text, block } = apply(file, '5 | def save(path, data):\n7 |         f.write(data)\n', '5 | def save(path, data):\n7 |         f.write(data.encode())\n');
    assert.strictEqual(text, undefined);
    assert.ok(!block.ok && block.reason === 'not-found');
    assert.match(block.ok ? '' : block.message, /the numbers \(5, 7\) do not count up one by one/);
  });

  it('does not read one numbered line as a line number ("8080: http" is YAML)', () => {
    const { text, block } = apply('ports:\n  8080: https\n', '  8080: http\n', '  8080: grpc\n');
    assert.strictEqual(text, undefined);
    assert.ok(!block.ok && block.reason === 'not-found', JSON.stringify(block));
  });
});
