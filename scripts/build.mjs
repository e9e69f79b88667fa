// Builds the extension host bundle and the webview bundle with esbuild.
// --production: minified, no source maps. --watch: rebuild on change.
import * as esbuild from 'esbuild';
import { readFileSync, rmSync } from 'fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'info',
  legalComments: 'none',
};

/**
 * codicon.css names all ~650 glyphs; the webview shows the few webview/icons.ts names (its IconName type). The rest
 * would be 40 KB of render-blocking style sheet parsed before every first paint, so only the named glyphs are kept.
 */
const usedCodicons = {
  name: 'used-codicons',
  setup(build) {
    build.onLoad({ filter: /@vscode[\\/]codicons[\\/]dist[\\/]codicon\.css$/ }, (args) => {
      const union = /export type IconName =([^;]+);/.exec(readFileSync('webview/icons.ts', 'utf8'))?.[1] ?? '';
      const used = new Set([...union.matchAll(/'([\w-]+)'/g)].map((match) => match[1]));
      const glyph = /^\.codicon-([\w-]+):before \{ content: "\\[0-9a-f]+" \}$/;
      const lines = readFileSync(args.path, 'utf8').split('\n');
      const kept = lines.filter((line) => !glyph.test(line) || used.has(glyph.exec(line)[1]));
      const found = new Set(lines.map((line) => glyph.exec(line)?.[1]));
      const missing = [...used].filter((name) => !found.has(name));
      if (!used.size || missing.length) {
        return { errors: [{ text: `webview/icons.ts names codicons that codicon.css lacks (or none could be read): ${missing.join(', ') || 'IconName'}` }] };
      }
      return { contents: kept.join('\n'), loader: 'css' };
    });
  },
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
    plugins: [usedCodicons],
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
