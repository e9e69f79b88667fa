/**
 * Identifier words for the demo model: splitting names into words, expanding
 * abbreviations, and turning verbs and nouns into English for names and doc comments.
 */

const ABBREVIATIONS: Readonly<Record<string, string>> = {
  acct: 'account',
  addr: 'address',
  amt: 'amount',
  arr: 'array',
  attr: 'attribute',
  avg: 'average',
  btn: 'button',
  calc: 'calculate',
  cb: 'callback',
  cfg: 'config',
  cnt: 'count',
  ctx: 'context',
  cur: 'current',
  curr: 'current',
  desc: 'description',
  disc: 'discount',
  el: 'element',
  elem: 'element',
  err: 'error',
  fmt: 'format',
  idx: 'index',
  len: 'length',
  lst: 'list',
  mgr: 'manager',
  msg: 'message',
  num: 'number',
  pct: 'percent',
  pos: 'position',
  prev: 'previous',
  qty: 'quantity',
  ref: 'reference',
  req: 'request',
  res: 'result',
  resp: 'response',
  str: 'text',
  tmp: 'temporary',
  tot: 'total',
  totl: 'total',
  usr: 'user',
  val: 'value',
};

/** Verbs a function name may start with; the value is its third-person form when irregular. */
const VERBS: Readonly<Record<string, string>> = {
  add: '', apply: 'applies', build: '', calculate: '', check: '', clear: '', close: '', compute: '', convert: '', count: '',
  create: '', delete: '', describe: '', ensure: '', fetch: 'fetches', filter: '', find: '', format: '', get: '', handle: '',
  init: '', load: '', make: '', map: '', merge: '', normalize: '', open: '', parse: '', print: '', read: '', remove: '',
  render: '', reset: '', resolve: '', run: '', save: '', send: '', set: '', sort: '', split: '', start: '', stop: '',
  sum: '', to: '', update: '', validate: '', write: '',
};

const PREDICATES = new Set(['is', 'has', 'can', 'should']);

export function splitWords(identifier: string): string[] {
  return identifier
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

export function expandWords(words: string[]): string[] {
  return words.map((w) => ABBREVIATIONS[w] ?? w);
}

/** Joins words in the naming convention of `like` (camelCase, PascalCase, snake_case or SCREAMING_CASE). */
export function joinLike(like: string, words: string[]): string {
  if (/^[A-Z0-9_]+$/.test(like) && like.includes('_')) return words.join('_').toUpperCase();
  if (like.includes('_')) return words.join('_');
  const pascal = words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
  return /^[A-Z]/.test(like) ? pascal : pascal[0].toLowerCase() + pascal.slice(1);
}

/** The identifier's words in plain English, abbreviations expanded: "calcDisc" → "calculate discount". */
export function phrase(identifier: string): string {
  return expandWords(splitWords(identifier)).join(' ');
}

export function isVerb(word: string | undefined): boolean {
  return word !== undefined && (word in VERBS || PREDICATES.has(word));
}

export function isPredicate(word: string | undefined): boolean {
  return word !== undefined && PREDICATES.has(word);
}

export function thirdPerson(verb: string): string {
  const irregular = VERBS[verb];
  if (irregular) return irregular;
  if (/(s|sh|ch|x|z)$/.test(verb)) return `${verb}es`;
  if (/[^aeiou]y$/.test(verb)) return `${verb.slice(0, -1)}ies`;
  return `${verb}s`;
}

export function plural(noun: string): string {
  if (/(s|sh|ch|x|z)$/.test(noun)) return `${noun}es`;
  if (/[^aeiou]y$/.test(noun)) return `${noun.slice(0, -1)}ies`;
  return `${noun}s`;
}

export function capitalize(text: string): string {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}

export function lowerFirst(text: string): string {
  return text ? text[0].toLowerCase() + text.slice(1) : text;
}
