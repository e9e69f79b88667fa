import * as assert from 'assert';
import { fencedBodies } from '../../../src/core/edits';
import { placeSnippet } from '../../../src/core/review/snippet';

const cart = [
  'import { round } from "./round";',
  '',
  'export function subtotal(items: Item[]): number {',
  '  let sum = 0;',
  '  for (const item of items) sum += item.price * item.qty;',
  '  return sum;',
  '}',
  '',
  'export function tax(amount: number): number {',
  '  return round(amount * 0.2);',
  '}',
  '',
].join('\n');

describe('placeSnippet: a code block without a file path', () => {
  it('replaces the selection when there is one, keeping the line break a whole-line selection ends with', () => {
    const start = cart.indexOf('export function tax');
    const end = cart.indexOf('}\n', start) + 2;
    const placed = placeSnippet(cart, 'export const tax = (amount: number) => round(amount * 0.25);', 'cart.ts', { start, end });
    assert.ok(placed.ok);
    assert.strictEqual(placed.how, 'selection');
    assert.ok(placed.newText.endsWith('export const tax = (amount: number) => round(amount * 0.25);\n'), placed.newText);
    assert.deepStrictEqual([placed.startLine, placed.endLine], [9, 11]);
  });

  it('replaces the region the snippet most resembles: a rewritten function replaces the function', () => {
    const snippet = ['export function subtotal(items: Item[]): number {', '  return items.reduce((sum, item) => sum + item.price * item.qty, 0);', '}'].join('\n');
    const placed = placeSnippet(cart, snippet, 'cart.ts');
    assert.ok(placed.ok, placed.ok ? '' : placed.reason);
    assert.strictEqual(placed.how, 'match');
    assert.deepStrictEqual([placed.startLine, placed.endLine], [3, 7]);
    assert.strictEqual(placed.newText, cart.replace(/export function subtotal[\s\S]*?\n}\n/, `${snippet}\n`));
  });

  it('matches the indentation of the code it replaces, and keeps CRLF line ends', () => {
    const crlf = ['class Cart {', '  total(): number {', '    return 1;', '  }', '}', ''].join('\r\n');
    const placed = placeSnippet(crlf, 'total(): number {\n  return 2;\n}', 'cart.ts');
    assert.ok(placed.ok, placed.ok ? '' : placed.reason);
    assert.strictEqual(placed.newText, ['class Cart {', '  total(): number {', '    return 2;', '  }', '}', ''].join('\r\n'));
  });

  it('refuses, saying why and what to do, when nothing resembles the snippet', () => {
    const placed = placeSnippet(cart, 'SELECT * FROM orders WHERE paid = false;', 'cart.ts');
    assert.ok(!placed.ok);
    assert.match(placed.reason, /no file path, and no part of cart\.ts resembles it closely enough to replace\. Select the code it should replace in cart\.ts/);
  });

  it('refuses when two places resemble it equally, naming both', () => {
    const twice = 'function a() {\n  return 1;\n}\n\nfunction a() {\n  return 1;\n}\n';
    const placed = placeSnippet(twice, 'function a() {\n  return 2;\n}', 'dup.ts');
    assert.ok(!placed.ok);
    assert.match(placed.reason, /resembles two places in dup\.ts equally \(lines 1–3 and 5–7\)/);
  });

  it('says so when the file already has the code, and when the block is empty', () => {
    const same = placeSnippet(cart, 'export function tax(amount: number): number {\n  return round(amount * 0.2);\n}', 'cart.ts');
    assert.ok(!same.ok);
    assert.match(same.reason, /cart\.ts already has this code \(lines 9–11\)/);
    const empty = placeSnippet(cart, '  \n', 'cart.ts');
    assert.ok(!empty.ok);
    assert.match(empty.reason, /empty/);
  });

  it('finds the bodies of an answer\'s fenced blocks (Apply all edits on an answer with one)', () => {
    assert.deepStrictEqual(fencedBodies('Here:\n\n```ts\nconst a = 1;\n```\nand\n~~~\nb\n~~~\n'), ['const a = 1;', 'b']);
    assert.deepStrictEqual(fencedBodies('no code here'), []);
  });
});
