import * as assert from 'assert';
import { mkdirSync, writeFileSync } from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';
import { activateExtension } from '../../integration/suite/helpers';
import { record } from './figures';
import { profiled } from './profile';

const FILES = 100;

function source(i: number): string {
  const lines = [`export function total${i}(items: number[]): number {`, '  let sum = 0;', '  for (const item of items) sum += item;', '  return sum;', '}'];
  for (let j = 0; j < 40; j++) lines.push(`export const value${i}_${j} = ${i * j};`);
  return `${lines.join('\n')}\n`;
}

describe('apply in the host', () => {
  let api: ExtensionApi;
  before(async () => {
    api = await activateExtension();
    // Someone applying a TypeScript change set has TypeScript open already: the built-in TypeScript extension's
    // one-time activation (it starts when the first .ts document opens) is not the review's cost, so it happens first.
    const root = vscode.workspace.workspaceFolders![0]!.uri;
    await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root, 'src', 'cart.ts'));
    await vscode.extensions.getExtension('vscode.typescript-language-features')?.activate();
  });

  it('applies a 100-file change set as one WorkspaceEdit', async () => {
    const root = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    mkdirSync(path.join(root, 'bench-apply'), { recursive: true });
    for (let i = 0; i < FILES; i++) writeFileSync(path.join(root, 'bench-apply', `f${i}.ts`), source(i));
    const changes = Array.from({ length: FILES }, (_, i) => ({
      kind: 'edit' as const,
      path: `bench-apply/f${i}.ts`,
      edits: [{ search: '  let sum = 0;\n  for (const item of items) sum += item;', replace: '  const sum = items.reduce((a, b) => a + b, 0);' }],
    }));
    const p0 = performance.now();
    const set = await profiled('propose', () => api.review.propose(changes, { title: 'bench: 100 files', source: 'bench' }));
    const proposeMs = performance.now() - p0;
    assert.deepStrictEqual(set.files.filter((f) => f.status !== 'modified').map((f) => `${f.path}: ${f.reason ?? f.status}`), []);
    set.acceptAll();
    const a0 = performance.now();
    const report = await profiled('apply', () => set.apply());
    const applyMs = performance.now() - a0;
    assert.ok(report.ok, JSON.stringify(report));
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(root, 'bench-apply', 'f99.ts')));
    assert.ok(doc.getText().includes('items.reduce'), 'the last file was changed');
    record('apply', { files: FILES, proposeMs: Math.round(proposeMs), applyMs: Math.round(applyMs) });
  });
});
