import * as assert from 'assert';
import { applyOne as apply } from './applyOne';

const PY = ['import os', '', '', 'def a():', '    return 1', '', '', 'def b():', '    return 2', ''].join('\n');

describe('drift with different line counts: blank lines', () => {
  it('places a search that lacks the file\'s blank lines and keeps them', () => {
    const { text, block } = apply(PY, 'def a():\n    return 1\ndef b():\n    return 2\n', 'def a():\n    return 10\ndef b():\n    return 20\n');
    assert.strictEqual(text, PY.replace('return 1\n', 'return 10\n').replace('return 2\n', 'return 20\n'));
    assert.deepStrictEqual(block, { ok: true, rung: 'blank-lines', startLine: 4, endLine: 9 });
  });

  it('places a search with blank lines the file does not have without adding them', () => {
    const file = 'a = 1\nb = 2\nc = 3\n';
    assert.strictEqual(apply(file, 'a = 1\n\nb = 2\n', 'a = 1\n\nb = 20\n').text, 'a = 1\nb = 20\nc = 3\n');
  });

  it('does not double a blank line the model wrote itself where the file has one', () => {
    const file = 'end\n\ndef deliver(m)\n  send(m)\nend\n';
    const { text } = apply(file, 'end\ndef deliver(m)\n  send(m)\n', 'end\n\ndef deliver(message)\n  send(message)\n');
    assert.strictEqual(text, 'end\n\ndef deliver(message)\n  send(message)\nend\n');
  });

  it('removes a blank line between two lines that are both removed', () => {
    const file = 'keep()\nold1()\n\nold2()\nlast()\n';
    assert.strictEqual(apply(file, 'keep()\nold1()\nold2()\nlast()\n', 'keep()\nlast()\n').text, 'keep()\nlast()\n');
  });

  it('counts a whitespace-only line as blank', () => {
    const file = 'function f() {\n  one();\n    \n  two();\n}\n';
    assert.strictEqual(apply(file, '  one();\n  two();\n', '  one();\n  two();\n  three();\n').text, 'function f() {\n  one();\n    \n  two();\n  three();\n}\n');
  });

  it('refuses when the lines fit two places once blank lines are ignored', () => {
    const file = 'x = 1\n\ny = 2\n---\nx = 1\ny = 2\n\n';
    const { block } = apply(file, 'x = 1\n\n\ny = 2\n', 'x = 3\ny = 4\n');
    assert.ok(!block.ok && block.reason === 'ambiguous', JSON.stringify(block));
    assert.match(block.ok ? '' : block.message, /matches 2 places \(ignoring blank lines\) \(lines 1-3, 5-6\)/);
  });

  it('refuses when one place has the lines with other indentation and another has them with a blank line between', () => {
    const file = 'function f() {\n  a();\n\n  b();\n}\nfunction g() {\na();\nb();\n}\n';
    const { block } = apply(file, '  a();\n  b();\n', '  a();\n  c();\n  b();\n');
    assert.ok(!block.ok && block.reason === 'ambiguous', JSON.stringify(block));
    assert.match(block.ok ? '' : block.message, /matches 2 places \(ignoring indentation or blank lines\) \(lines 2-4, 7-8\)/);
  });

  it('places a drifted search that also lacks a blank line (fuzzy on non-blank lines)', () => {
    const file = 'class Mailer\n  def initialize(smtp)\n    @smtp = smtp\n  end\n\n  def deliver(message)\n    @smtp.send_message(message.body, message.to)\n  end\nend\n';
    const search = '  def initialize(smtp)\n    @smtp = smtp\n  end\n  def deliver(msg)\n    @smtp.send_message(message.body, message.to)\n  end\n';
    const replace = '  def initialize(smtp)\n    @smtp = smtp\n  end\n  def deliver(msg)\n    @smtp.send_message(message.body, message.to)\n    log(message)\n  end\n';
    const { text, block } = apply(file, search, replace);
    assert.strictEqual(block.ok && block.rung, 'fuzzy');
    assert.strictEqual(text, file.replace('message.to)\n  end\nend', 'message.to)\n    log(message)\n  end\nend'));
  });
});

describe('drift with different line counts: part of one line', () => {
  const file = 'client = Client(base_url=URL, timeout=30, retries=2)\nother = Client(base_url=URL)\n';

  it('replaces a search that is a unique part of one line, in that line only', () => {
    const { text, block } = apply(file, 'timeout=30\n', 'timeout=Timeout(30, connect=5)\n');
    assert.strictEqual(text, 'client = Client(base_url=URL, timeout=Timeout(30, connect=5), retries=2)\nother = Client(base_url=URL)\n');
    assert.deepStrictEqual(block, { ok: true, rung: 'fragment', startLine: 1, endLine: 1 });
  });

  it('refuses a part found in two lines, listing them', () => {
    const { block } = apply(file, '    base_url=URL\n', 'base_url=HOST\n');
    assert.ok(!block.ok && block.reason === 'ambiguous');
    assert.match(block.ok ? '' : block.message, /part of 2 lines \(lines 1, 2\)/);
  });

  it('does not take a part that starts or ends inside a word', () => {
    const { text, block } = apply('ports:\n  443: https\n', '  443: http\n', '  443: grpc\n');
    assert.strictEqual(text, undefined);
    assert.ok(!block.ok && block.reason === 'not-found', JSON.stringify(block));
  });

  it('lets a hint header choose between two lines holding the part', () => {
    const { text } = apply(file, ':start_line:2\n-------\nbase_url=URL\n', 'base_url=HOST\n');
    assert.strictEqual(text, 'client = Client(base_url=URL, timeout=30, retries=2)\nother = Client(base_url=HOST)\n');
  });
});
