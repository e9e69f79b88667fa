// esbuild bundles imported CSS into dist/webview.css.
declare module '*.css';

// highlight.js ships types only for its main entry; the core and per-language
// entries (used to keep the bundle small) have the same shapes.
declare module 'highlight.js/lib/core' {
  import hljs from 'highlight.js';
  export default hljs;
}
declare module 'highlight.js/lib/languages/*' {
  import type { LanguageFn } from 'highlight.js';
  const language: LanguageFn;
  export default language;
}
