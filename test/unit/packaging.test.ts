/**
 * The .vsix holds every file the bundles load at run time — the services bundle that
 * activation requires on first use (src/extension.ts), the chunks the webview imports
 * after its first paint and on first use (webview/main.ts, webview/render/highlight.ts),
 * the codicon font — and no source maps.
 * Asked of vsce itself, so .vscodeignore is read exactly as packaging reads it.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { existsSync, readdirSync } from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const DIST = path.join(ROOT, 'dist');

function builtFiles(dir: string, prefix = 'dist'): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? builtFiles(path.join(dir, entry.name), `${prefix}/${entry.name}`) : [`${prefix}/${entry.name}`],
  );
}

describe('packaging: what the .vsix holds', function () {
  this.timeout(120_000);

  it('every bundle, chunk (the chat after its first paint, each grammar), stylesheet and font the build wrote, and no source map', function () {
    if (!existsSync(path.join(DIST, 'extension.js'))) throw new Error('dist/ is not built: run npm run build first (npm test does)');
    const listed = new Set(
      execFileSync(process.execPath, [path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' })
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    );
    const runtime = builtFiles(DIST).filter((file) => /\.(js|css|ttf)$/.test(file));
    assert.ok(runtime.includes('dist/services.js') && runtime.some((f) => /^dist\/chunks\/app-\w+\.js$/.test(f)) && runtime.some((f) => /^dist\/chunks\/python-\w+\.js$/.test(f)), `the build wrote ${runtime.join(', ')}`);
    assert.deepStrictEqual(runtime.filter((file) => !listed.has(file)), [], 'files the extension loads but the .vsix leaves out');
    assert.deepStrictEqual([...listed].filter((file) => file.endsWith('.map')), [], 'source maps in the .vsix');
  });
});
