/**
 * highlight.js core, with each language's grammar loaded the first time a code block
 * names it (esbuild puts each in its own file under dist/chunks): all of them in the
 * bundle would be a quarter of it, parsed on every start though most chats use two or
 * three. A block whose language is still loading is shown plain and highlighted when the
 * grammar arrives (webview/render/markdown.ts).
 */
import hljs from 'highlight.js/lib/core';
import type { LanguageFn } from 'highlight.js';

const LOADERS: Record<string, () => Promise<{ default: LanguageFn }>> = {
  bash: () => import('highlight.js/lib/languages/bash'),
  c: () => import('highlight.js/lib/languages/c'),
  cpp: () => import('highlight.js/lib/languages/cpp'),
  csharp: () => import('highlight.js/lib/languages/csharp'),
  css: () => import('highlight.js/lib/languages/css'),
  dart: () => import('highlight.js/lib/languages/dart'),
  diff: () => import('highlight.js/lib/languages/diff'),
  dockerfile: () => import('highlight.js/lib/languages/dockerfile'),
  elixir: () => import('highlight.js/lib/languages/elixir'),
  go: () => import('highlight.js/lib/languages/go'),
  graphql: () => import('highlight.js/lib/languages/graphql'),
  haskell: () => import('highlight.js/lib/languages/haskell'),
  ini: () => import('highlight.js/lib/languages/ini'),
  java: () => import('highlight.js/lib/languages/java'),
  javascript: () => import('highlight.js/lib/languages/javascript'),
  json: () => import('highlight.js/lib/languages/json'),
  kotlin: () => import('highlight.js/lib/languages/kotlin'),
  latex: () => import('highlight.js/lib/languages/latex'),
  less: () => import('highlight.js/lib/languages/less'),
  lua: () => import('highlight.js/lib/languages/lua'),
  makefile: () => import('highlight.js/lib/languages/makefile'),
  markdown: () => import('highlight.js/lib/languages/markdown'),
  objectivec: () => import('highlight.js/lib/languages/objectivec'),
  perl: () => import('highlight.js/lib/languages/perl'),
  php: () => import('highlight.js/lib/languages/php'),
  plaintext: () => import('highlight.js/lib/languages/plaintext'),
  powershell: () => import('highlight.js/lib/languages/powershell'),
  protobuf: () => import('highlight.js/lib/languages/protobuf'),
  python: () => import('highlight.js/lib/languages/python'),
  r: () => import('highlight.js/lib/languages/r'),
  ruby: () => import('highlight.js/lib/languages/ruby'),
  rust: () => import('highlight.js/lib/languages/rust'),
  scala: () => import('highlight.js/lib/languages/scala'),
  scss: () => import('highlight.js/lib/languages/scss'),
  shell: () => import('highlight.js/lib/languages/shell'),
  sql: () => import('highlight.js/lib/languages/sql'),
  swift: () => import('highlight.js/lib/languages/swift'),
  typescript: () => import('highlight.js/lib/languages/typescript'),
  xml: () => import('highlight.js/lib/languages/xml'),
  yaml: () => import('highlight.js/lib/languages/yaml'),
};

/** Each language's other names, as its grammar declares them (so they resolve before it is loaded). */
const ALIASES: Record<string, string> = {
  sh: 'bash', zsh: 'bash', h: 'c', cc: 'cpp', 'c++': 'cpp', 'h++': 'cpp', hpp: 'cpp', hh: 'cpp', hxx: 'cpp',
  cxx: 'cpp', cs: 'csharp', 'c#': 'csharp', patch: 'diff', docker: 'dockerfile', ex: 'elixir', exs: 'elixir',
  golang: 'go', gql: 'graphql', hs: 'haskell', toml: 'ini', jsp: 'java', js: 'javascript', jsx: 'javascript',
  mjs: 'javascript', cjs: 'javascript', jsonc: 'json', json5: 'json', kt: 'kotlin', kts: 'kotlin', ktm: 'kotlin',
  ktx: 'kotlin', tex: 'latex', pluto: 'lua', mk: 'makefile', mak: 'makefile', make: 'makefile', md: 'markdown',
  mkdown: 'markdown', mkd: 'markdown', mm: 'objectivec', objc: 'objectivec', 'obj-c': 'objectivec',
  'obj-c++': 'objectivec', 'objective-c++': 'objectivec', pl: 'perl', pm: 'perl', text: 'plaintext',
  txt: 'plaintext', pwsh: 'powershell', ps: 'powershell', ps1: 'powershell', proto: 'protobuf', py: 'python',
  gyp: 'python', ipython: 'python', rb: 'ruby', gemspec: 'ruby', podspec: 'ruby', thor: 'ruby', irb: 'ruby',
  rs: 'rust', console: 'shell', shellsession: 'shell', ts: 'typescript', tsx: 'typescript', mts: 'typescript',
  cts: 'typescript', html: 'xml', xhtml: 'xml', rss: 'xml', atom: 'xml', xjb: 'xml', xsd: 'xml', xsl: 'xml',
  plist: 'xml', wsf: 'xml', svg: 'xml', yml: 'yaml',
};

const loading = new Map<string, Promise<void>>();
const loadedListeners: Array<(language: string) => void> = [];

/** The grammar a fence's language names, or undefined when there is none. */
export function grammarOf(language: string): string | undefined {
  return Object.hasOwn(LOADERS, language) ? language : Object.hasOwn(ALIASES, language) ? ALIASES[language] : undefined;
}

/** Whether `language` names a grammar that is not loaded yet (requesting it). */
export function grammarPending(language: string): boolean {
  const grammar = grammarOf(language);
  if (!grammar || hljs.getLanguage(grammar)) return false;
  if (!loading.has(grammar)) {
    const load = LOADERS[grammar]()
      .then((module) => {
        hljs.registerLanguage(grammar, module.default);
        for (const listener of loadedListeners) listener(grammar);
      })
      // A grammar that cannot load leaves its blocks plain, as an unknown language does.
      .catch(() => undefined);
    loading.set(grammar, load);
  }
  return true;
}

/** Called with each grammar's name once it has loaded. */
export function onGrammarLoaded(listener: (grammar: string) => void): void {
  loadedListeners.push(listener);
}

/**
 * Highlighted HTML for `code`, or undefined when the language is unknown or still loading
 * (the caller then escapes it as plain text). No auto-detection: it is slow on long
 * streams and guesses wrong on short snippets.
 */
export function highlightCode(code: string, language: string): string | undefined {
  const grammar = grammarOf(language);
  if (!grammar || grammarPending(grammar)) return undefined;
  try {
    return hljs.highlight(code, { language: grammar, ignoreIllegals: true }).value;
  } catch {
    return undefined;
  }
}
