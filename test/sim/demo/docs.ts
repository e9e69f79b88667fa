/**
 * Add Documentation: doc comments for every declaration in the selection (or file) that
 * lacks one — TSDoc/JSDoc with @param and @returns for functions, one-liners for fields —
 * inserted above each declaration at its indentation. Nothing else changes.
 */
import type { SimReply } from '../types';
import { editsReply, fileChange, prose, readCalls } from './answer';
import { bodyHints, paramText, returnsText, summary } from './describe';
import { called, canRead, knownText, type DemoRequest } from './request';
import { declarations, isScript, overlaps, parse, type Decl } from './source';
import { phrase } from './words';

function docLines(decl: Decl, owner?: string): string[] {
  const head = [summary(decl, owner), ...(decl.kind === 'function' || decl.kind === 'method' || decl.params ? bodyHints(decl) : [])].join(' ');
  const returns = decl.params ? returnsText(decl) : undefined;
  const tags = [...(decl.params ?? []).map((p) => `@param ${p.name} - ${paramText(p)}`), ...(returns ? [`@returns ${returns}`] : [])];
  if (!tags.length) return [`${decl.indent}/** ${head} */`];
  return [`${decl.indent}/**`, `${decl.indent} * ${head}`, `${decl.indent} *`, ...tags.map((t) => `${decl.indent} * ${t}`), `${decl.indent} */`];
}

/** Declarations without doc comments that share a line with [from, to), members included. */
function undocumented(decls: Decl[], from: number, to: number): Array<{ decl: Decl; owner?: string }> {
  const out: Array<{ decl: Decl; owner?: string }> = [];
  for (const d of decls) {
    if (!d.hasDoc && overlaps(d, from, to)) out.push({ decl: d });
    for (const m of d.members ?? []) if (!m.hasDoc && overlaps(m, from, to)) out.push({ decl: m, owner: phrase(d.name) });
  }
  return out;
}

export function docsReply(req: DemoRequest): SimReply {
  const focus = req.blocks[0];
  if (!focus || !isScript(focus.path)) {
    return prose('Doc comments were asked for, but no TypeScript or JavaScript code came with the request.', 'Open a TypeScript or JavaScript file (select part of it, if you like) and run **Add Documentation** again.');
  }
  const selection = focus.label === 'Selection';
  let text = selection ? knownText(req, focus.path) : focus.text;
  if (text === undefined && canRead(req) && !called(req, 'read_file', { path: focus.path })) {
    return readCalls(req, `The selection starts at line ${(focus.startLine ?? 0) + 1} of ${focus.path}; I'll read the whole file so each comment goes right above a complete declaration.`, [['read_file', { path: focus.path }]]);
  }
  // Without the whole file (a chat selection), the selection itself is what gets documented.
  const offset = text === undefined ? 0 : (focus.startLine ?? 0);
  text ??= focus.text;
  const from = selection ? offset : 0;
  const to = selection ? offset + focus.text.split('\n').length : Number.MAX_SAFE_INTEGER;
  const targets = undocumented(declarations(parse(focus.path, text)), from, to);
  if (!targets.length) {
    return prose(`Every declaration in ${focus.path}${selection ? ' within the selection' : ''} already has a doc comment.`, `Everything in ${selection ? 'the selection' : `\`${focus.path}\``} is already documented; nothing to add.`);
  }
  const lines = text.split('\n');
  for (const { decl, owner } of [...targets].sort((a, b) => b.decl.line - a.decl.line)) lines.splice(decl.line, 0, ...docLines(decl, owner));
  const change = fileChange(focus.path, text, lines.join('\n'))!;
  const names = targets.map((t) => `\`${t.decl.name}\``);
  return editsReply(
    req,
    `${targets.length} declaration(s) in ${focus.path} have no doc comment: ${targets.map((t) => t.decl.name).join(', ')}. I'll describe each from its name, parameters, return type and body, in TSDoc style, and change nothing else.`,
    `Added doc comments to ${names.join(', ')} in \`${focus.path}\` — summaries, \`@param\` and \`@returns\`; no code changed.`,
    [change],
  );
}
