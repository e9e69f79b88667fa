/**
 * Refactor: extract a computation repeated across the workspace into a helper module.
 * In the selection (or file) it looks for `obj.a OP obj.b`, searches the workspace for the
 * same computation, reads the files that have it, then creates the helper module and
 * changes every file to call it — a multi-file change set computed from the texts read.
 */
import type { SimReply } from '../types';
import { editsReply, fileChange, prose, readCalls, type DemoChange } from './answer';
import { called, canRead, knownText, normalizePath, type DemoRequest } from './request';
import { declarations, importPath, isScript, lastImportLine, parse, replaceRanges, ts, walk } from './source';
import { capitalize, lowerFirst, phrase, splitWords } from './words';

interface Computation {
  x: string;
  op: string;
  y: string;
}

const OPS: Record<string, { word: string; noun: string }> = {
  '*': { word: 'times', noun: 'Total' },
  '+': { word: 'plus', noun: 'Sum' },
  '-': { word: 'minus', noun: 'Difference' },
  '/': { word: 'divided by', noun: 'Ratio' },
};
const MONEY = new Set(['price', 'cost', 'amount', 'total', 'tax', 'discount', 'fee', 'subtotal']);

/** Each `obj.x OP obj.y` in the file, with its object's name and offsets. */
function occurrences(path: string, text: string, want?: Computation): Array<Computation & { obj: string; start: number; end: number }> {
  const sf = parse(path, text);
  const out: Array<Computation & { obj: string; start: number; end: number }> = [];
  walk(sf, (node) => {
    if (!ts.isBinaryExpression(node)) return;
    const op = node.operatorToken.getText(sf);
    const { left, right } = node;
    if (!OPS[op] || !ts.isPropertyAccessExpression(left) || !ts.isPropertyAccessExpression(right)) return;
    if (!ts.isIdentifier(left.expression) || !ts.isIdentifier(right.expression) || left.expression.text !== right.expression.text) return;
    const found = { x: left.name.text, op, y: right.name.text, obj: left.expression.text, start: node.getStart(sf), end: node.getEnd() };
    if (found.x !== found.y && (!want || (want.x === found.x && want.op === found.op && want.y === found.y))) out.push(found);
  });
  return out;
}

function searchHits(result: string | undefined): string[] {
  const paths = (result ?? '').split('\n').map((l) => /^(.+?):\d+: /.exec(l)?.[1]).filter((p): p is string => !!p);
  return [...new Set(paths.map(normalizePath))];
}

/** The interface that declares both fields, with its file, among the texts known. */
function ownerType(files: Array<[string, string]>, c: Computation): { name: string; path: string } | undefined {
  for (const [path, text] of files) {
    for (const d of declarations(parse(path, text))) {
      const names = new Set((d.members ?? []).map((m) => m.name));
      if (d.kind === 'interface' && d.exported && names.has(c.x) && names.has(c.y)) return { name: d.name, path };
    }
  }
  return undefined;
}

function withImport(path: string, text: string, line: string): string {
  const lines = text.split('\n');
  const last = lastImportLine(parse(path, text));
  if (last >= 0) lines.splice(last + 1, 0, line);
  else lines.splice(0, 0, line, '');
  return lines.join('\n');
}

export function refactorReply(req: DemoRequest): SimReply {
  const focus = req.blocks[0];
  const asked = req.task ? `“${req.task}”` : 'a refactor';
  if (!focus || !isScript(focus.path)) {
    return prose(`The user asked for ${asked}, but no TypeScript or JavaScript code came with the request.`, 'Open a TypeScript or JavaScript file (select the code to refactor, if you like) and run **Refactor** again; I need the code to work on.');
  }
  const wholeFiles = req.blocks.filter((b) => b.label !== 'Selection');
  const candidate = occurrences(focus.path, focus.text)[0] ?? wholeFiles.flatMap((b) => occurrences(b.path, b.text))[0];
  const where = focus.label === 'Selection' ? `the selection in \`${focus.path}\`` : `\`${focus.path}\``;
  if (!candidate) {
    return prose(
      `The user asked for ${asked} in ${focus.path}. I look for a computation on one object's fields (like a.x * a.y) that could live in one place; there is none here.`,
      `I read ${where} and found no repeated computation to pull out — it is already small and direct. Point me at code that repeats a calculation across files (for example \`item.unitPrice * item.quantity\`) and I will extract it into a shared helper.`,
    );
  }
  const expr = `${candidate.obj}.${candidate.x} ${candidate.op} ${candidate.obj}.${candidate.y}`;
  const ext = /\.[a-z]+$/i.exec(focus.path)?.[0] ?? '.ts';
  const dir = focus.path.includes('/') ? focus.path.slice(0, focus.path.lastIndexOf('/')) : '';
  const search = called(req, 'search_text');
  if (!search && canRead(req)) {
    const calls: Array<[string, Record<string, unknown>]> = [
      // The focus file's folder is the project the change belongs to (the sample keeps other copies elsewhere).
      ['search_text', { query: `.${candidate.x} ${candidate.op} `, glob: `${dir ? `${dir}/` : ''}**/*${ext}` }],
      ['list_files', { glob: dir ? `${dir}/**` : '*' }],
    ];
    if (knownText(req, focus.path) === undefined) calls.push(['read_file', { path: focus.path }]);
    return readCalls(
      req,
      `The user asked for ${asked}. In ${where} \`${expr}\` is computed inline. Before moving it I need every place that computes the same thing, and the files next to ${focus.path} so a new module does not clash with an existing one.`,
      calls,
    );
  }
  const paths = [...new Set([normalizePath(focus.path), ...searchHits(search?.result)])];
  const unread = paths.filter((p) => knownText(req, p) === undefined && !called(req, 'read_file', { path: p }));
  if (unread.length && canRead(req)) {
    return readCalls(req, `The search found \`.${candidate.x} ${candidate.op}\` in ${paths.join(', ')}. I need the full text of ${unread.join(', ')} to change them safely.`, unread.map((p) => ['read_file', { path: p }]));
  }
  const files = paths.map((p) => [p, knownText(req, p)] as [string, string | undefined]).filter((f): f is [string, string] => f[1] !== undefined);
  const found = files.map(([p, text]) => [p, text, occurrences(p, text, candidate)] as const).filter(([, , occ]) => occ.length > 0);
  if (!found.length) {
    return prose(
      `The computation ${expr} is not in the current text of ${paths.join(', ')}: the workspace changed since the request was made.`,
      `I went to extract \`${expr}\`, but the files I read (${paths.map((p) => `\`${p}\``).join(', ')}) no longer contain it — it may already have been refactored. Nothing to change.`,
    );
  }
  const owner = ownerType(files, candidate);
  const typeWords = owner ? splitWords(owner.name) : [candidate.obj];
  const helper = lowerFirst(typeWords.map(capitalize).join('')) + OPS[candidate.op].noun;
  const listed = (called(req, 'list_files')?.result ?? '').split('\n').map(normalizePath);
  const moneyish = [...splitWords(candidate.x), ...splitWords(candidate.y)].some((w) => MONEY.has(w));
  let modulePath = `${dir ? `${dir}/` : ''}${moneyish ? 'pricing' : helper}${ext}`;
  if (listed.includes(modulePath) || knownText(req, modulePath) !== undefined) modulePath = `${dir ? `${dir}/` : ''}${helper}${ext}`;
  const typed = /\.(ts|tsx|mts|cts)$/.test(ext);
  const param = owner ? owner.name : `{ ${candidate.x}: number; ${candidate.y}: number }`;
  const moduleText = [
    ...(owner && typed ? [`import type { ${owner.name} } from '${importPath(modulePath, owner.path)}';`, ''] : []),
    `/** ${capitalize(phrase(candidate.x))} ${OPS[candidate.op].word} ${phrase(candidate.y)} of one ${typeWords.join(' ')}. */`,
    `export function ${helper}(${candidate.obj}${typed ? `: ${param}` : ''})${typed ? ': number' : ''} {`,
    `  return ${expr};`,
    '}',
    '',
  ].join('\n');
  const changes: DemoChange[] = [{ kind: 'create', path: modulePath, content: moduleText }];
  const notes: string[] = [`- **\`${modulePath}\`** (new): \`${helper}()\`, the one place that computes \`${candidate.x} ${candidate.op} ${candidate.y}\`.`];
  for (const [path, text, occ] of found) {
    const replaced = replaceRanges(text, occ.map((o) => [o.start, o.end, `${helper}(${o.obj})`]));
    const change = fileChange(path, text, withImport(path, replaced, `import { ${helper} } from '${importPath(path, modulePath)}';`));
    if (change) changes.push(change);
    notes.push(`- **\`${path}\`**: ${occ.length === 1 ? 'the inline computation now calls' : `${occ.length} inline computations now call`} \`${helper}()\`.`);
  }
  const total = found.reduce((n, [, , occ]) => n + occ.length, 0);
  return editsReply(
    req,
    `I have the current text of ${files.map(([p]) => p).join(', ')}. \`${expr}\` appears ${total} time(s) in ${found.length} file(s). I'll move it into ${modulePath} as ${helper}(), typed by ${owner ? `${owner.name} from ${owner.path}` : 'the two fields it uses'}, and import it where it was inlined. Behaviour stays the same: the helper returns exactly the expression it replaces.`,
    `Extracted \`${expr}\` into a helper, as asked (${asked}):\n\n${notes.join('\n')}\n\nBehaviour is unchanged — \`${helper}()\` returns exactly the expression it replaces. Review each file in the Changes view.`,
    changes,
  );
}
