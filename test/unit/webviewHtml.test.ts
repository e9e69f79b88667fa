/** The chat webview's HTML: the chunks its entry imports are preloaded under the script's nonce. */
import * as assert from 'assert';
import { entryImports, renderWebviewHtml } from '../../src/vscode/webviewHtml';

describe('webview HTML: module preloads', () => {
  it('finds the static imports of a minified and of a development entry, not its dynamic ones', () => {
    const minified = 'import{m as r}from"./chunks/chunk-AB12.js";import"./chunks/chunk-CD34.js";var t=()=>import("./chunks/app-EF56.js");';
    assert.deepStrictEqual(entryImports(minified), ['./chunks/chunk-AB12.js', './chunks/chunk-CD34.js']);
    const development = 'import {\n  ChatShell\n} from "./chunks/chunk-AB12.js";\nimport "./chunks/chunk-CD34.js";\n\n// webview/main.ts\nvoid import("./chunks/app-EF56.js");\n';
    assert.deepStrictEqual(entryImports(development), ['./chunks/chunk-AB12.js', './chunks/chunk-CD34.js']);
    assert.deepStrictEqual(entryImports('const text = "no imports here";'), []);
  });

  it('preloads each with the nonce the script carries, and nothing without one', () => {
    const html = renderWebviewHtml({ cspSource: 'https://res', scriptUri: 'https://res/webview.js', styleUris: [], modulePreloadUris: ['https://res/chunks/chunk-AB12.js'] }, 'NONCE');
    assert.match(html, /<link rel="modulepreload" nonce="NONCE" href="https:\/\/res\/chunks\/chunk-AB12.js">/);
    assert.match(html, /script-src 'nonce-NONCE'/);
    assert.doesNotMatch(renderWebviewHtml({ cspSource: 'https://res', scriptUri: 'https://res/webview.js', styleUris: [] }, 'NONCE'), /modulepreload/);
  });
});
