// Builds the extension host bundle and the webview bundle with esbuild.
// --production: minified, no source maps. --watch: rebuild on change.
import * as esbuild from 'esbuild';
import { rmSync } from 'fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'info',
  legalComments: 'none',
};

const targets = [
  {
    ...common,
    // extension.js is what activation loads: the key store, and commands and views that forward to
    // services.js, which src/extension.ts requires on first use (the SDK, the schemas, everything else).
    entryPoints: { extension: 'src/extension.ts', services: 'src/vscode/services.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: { webview: 'webview/main.ts' },
    outdir: 'dist',
    platform: 'browser',
    // A module, so that what the first paint does not need is split into files of its own under dist/chunks and
    // imported after it: the rest of the chat (webview/main.ts imports webview/app.ts), and highlight.js grammars
    // on first use (webview/render/highlight.ts).
    format: 'esm',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    target: 'chrome120',
    // The CSS imported by webview/main.ts lands in dist/webview.css; the codicon font it names is copied next to it.
    loader: { '.css': 'css', '.ttf': 'file' },
  },
];

// A production build must not leave a dev build's source maps behind.
if (production) rmSync('dist', { recursive: true, force: true });

if (watch) {
  for (const options of targets) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
  console.log('[watch] watching src/ and webview/');
} else {
  await Promise.all(targets.map((options) => esbuild.build(options)));
}
