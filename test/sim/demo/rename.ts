/**
 * Rename: suggesting a better name (the product's rename prompt, answered with the name
 * only), and, where no rename provider exists, renaming by edits: search the workspace,
 * read the files that use the symbol, and change each identifier occurrence.
 */
import { renamePrompt } from '../../../src/core/prompts';
import type { SimReply } from '../types';
import { editsReply, fileChange, prose, readCalls, type DemoChange } from './answer';
import { called, canRead, knownText, normalizePath, type DemoRequest } from './request';
import { declarations, identifierRanges, isScript, parse, replaceRanges, type Decl } from './source';
import { expandWords, isVerb, joinLike, phrase, splitWords } from './words';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const RENAME_PROMPT = new RegExp(
  `^${escape(renamePrompt('\u0001', '\u0002', '\u0003'))
    .replace('\u0001', '(?<symbol>[A-Za-z_$][\\w$]*)')
    .replace('\u0002', '(?<language>\\S+)')
    .replace('\u0003', '(?<context>[\\s\\S]*)')}$`,
);
const RENAME_BY_EDITS = /Rename the symbol `([^`]+)` to `([^`]+)`/;

export function isRenameSuggestion(req: DemoRequest): boolean {
  return RENAME_PROMPT.test(req.task);
}

export function isRenameByEdits(req: DemoRequest): boolean {
  return req.intent === 'rename' && RENAME_BY_EDITS.test(req.task);
}

function declarationOf(language: string, context: string, symbol: string): Decl | undefined {
  if (!/^(typescript|javascript|typescriptreact|javascriptreact)$/.test(language)) return undefined;
  const decls = declarations(parse(language.startsWith('typescript') ? 'context.ts' : 'context.js', context));
  return decls.find((d) => d.name === symbol) ?? decls.flatMap((d) => d.members ?? []).find((m) => m.name === symbol);
}

/** A better name and why, from the name's words and, when declared in the context, its kind and type. */
export function suggestName(symbol: string, language: string, context: string): { name: string; why: string } {
  const words = splitWords(symbol);
  const expanded = expandWords(words);
  if (expanded.join() !== words.join()) {
    return { name: joinLike(symbol, expanded), why: `\`${symbol}\` abbreviates; spelled out it reads “${expanded.join(' ')}”, which says what it is without guessing.` };
  }
  const decl = declarationOf(language, context, symbol);
  const type = decl?.returnType ?? '';
  const isFunction = decl?.params !== undefined;
  if (isFunction && !isVerb(words[0])) {
    const verb = type === 'boolean' ? 'is' : type === 'number' ? 'compute' : type === 'string' ? 'describe' : 'get';
    return { name: joinLike(symbol, [verb, ...words]), why: `\`${symbol}\` is a function but its name is a noun; a verb first (“${verb}”) says that calling it does work and returns ${type ? `a ${type}` : 'a value'}.` };
  }
  if (isFunction && type === 'string' && !/(text|label|name|string|message|summary|description)$/.test(words.at(-1) ?? '')) {
    return { name: joinLike(symbol, [...words, 'label']), why: `\`${symbol}\` returns display text; ending the name in “label” tells callers they get a string for people, not a number.` };
  }
  if (decl?.kind === 'variable' || decl?.kind === 'property' || !decl) {
    const typeWords = splitWords(type.replace(/\[\]$/, '')).filter((w) => !['string', 'number', 'boolean', 'any', 'unknown'].includes(w));
    if (typeWords.length && !typeWords.every((w) => words.includes(w))) {
      const name = joinLike(symbol, type.endsWith('[]') ? [...typeWords.slice(0, -1), `${typeWords.at(-1)}s`] : typeWords);
      return { name, why: `\`${symbol}\` holds ${type.endsWith('[]') ? 'a list of ' : 'a '}${phrase(type.replace(/\[\]$/, ''))}; naming it after its type makes that visible where it is used.` };
    }
  }
  const name = joinLike(symbol, [...words, decl?.kind === 'function' ? 'result' : 'value']);
  return { name, why: `\`${symbol}\` is already clear; “${name}” is the closest more specific alternative.` };
}

export function renameSuggestionReply(req: DemoRequest): SimReply {
  const m = RENAME_PROMPT.exec(req.task)!.groups!;
  const { name, why } = suggestName(m.symbol, m.language, m.context);
  return { reasoning: `The user wants one better name for the ${m.language} symbol ${m.symbol}. ${why} The convention of the original name is kept.`, content: name };
}

function renamed(path: string, text: string, from: string, to: string): string {
  return replaceRanges(text, identifierRanges(parse(path, text), from).map(([s, e]) => [s, e, to]));
}

export function renameByEditsReply(req: DemoRequest): SimReply {
  const [, from, to] = RENAME_BY_EDITS.exec(req.task)!;
  const search = called(req, 'search_text', { query: from });
  if (!search && canRead(req)) {
    return readCalls(req, `Rename ${from} to ${to} without a rename provider: first find every file that mentions ${from}.`, [['search_text', { query: from }]]);
  }
  // Code only: a word in prose or a string is not the symbol.
  const paths = [...new Set((search?.result ?? '').split('\n').map((l) => /^(.+?):\d+: /.exec(l)?.[1]).filter((p): p is string => !!p && isScript(p)).map(normalizePath))];
  const unread = paths.filter((p) => knownText(req, p) === undefined && !called(req, 'read_file', { path: p }));
  if (unread.length && canRead(req)) {
    return readCalls(req, `${from} appears in ${paths.join(', ')}. Reading them so each occurrence is changed from the current text.`, unread.map((p) => ['read_file', { path: p }]));
  }
  const changes: DemoChange[] = [];
  for (const path of paths) {
    const text = knownText(req, path);
    const change = text === undefined ? undefined : fileChange(path, text, renamed(path, text, from, to));
    if (change) changes.push(change);
  }
  if (!changes.length) {
    return prose(`No current file text contains the identifier ${from}.`, `I found no code that uses \`${from}\` any more, so there is nothing to rename to \`${to}\`.`);
  }
  return editsReply(
    req,
    `Every identifier ${from} in ${changes.map((c) => c.path).join(', ')} becomes ${to}; strings, comments and documentation stay as they are.`,
    `Renamed \`${from}\` to \`${to}\` in ${changes.length} file(s): ${changes.map((c) => `\`${c.path}\``).join(', ')}.`,
    changes,
  );
}
