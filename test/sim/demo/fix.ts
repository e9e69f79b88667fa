/**
 * Fix Problems: reads the diagnostics the product lists ("path:line:col severity code:
 * message"), looks at the lines they point to, and fixes what a compiler message says
 * exactly how to fix: a misspelt name with a "Did you mean" suggestion, a missing import
 * of a name another file exports, an unused import. Anything else is explained, not guessed.
 */
import type { SimReply } from '../types';
import { editsReply, fileChange, prose, readCalls } from './answer';
import { called, canRead, knownText, normalizePath, type DemoRequest } from './request';
import { importPath, imports, isScript, lastImportLine, parse } from './source';

interface Problem {
  path: string;
  line: number;
  col: number;
  severity: string;
  code: string;
  message: string;
}

const LINE = /^(.+?):(\d+):(\d+) (error|warning)(?: (\S+))?: (.*)$/;
const DID_YOU_MEAN = /'([^']+)'.*Did you mean '([^']+)'\?/;
const MISSING = /^Cannot find name '([^']+)'\.$/;
const UNUSED = /^'([^']+)' is declared but its value is never read\.$/;

export function problemsIn(task: string): Problem[] {
  return task.split('\n').flatMap((l) => {
    const m = LINE.exec(l.trim());
    return m ? [{ path: normalizePath(m[1]), line: Number(m[2]), col: Number(m[3]), severity: m[4], code: m[5] ?? '', message: m[6] }] : [];
  });
}

const identifier = (name: string) => new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`);

/** One fix applied to `lines`, or why it could not be. */
function fixOne(p: Problem, lines: string[], req: DemoRequest): string | { skipped: string } {
  const line = lines[p.line - 1];
  if (line === undefined) return { skipped: `line ${p.line} no longer exists` };
  const suggestion = DID_YOU_MEAN.exec(p.message);
  if (suggestion) {
    const [, wrong, right] = suggestion;
    const at = line.slice(p.col - 1).startsWith(wrong) ? p.col - 1 : line.search(identifier(wrong));
    if (at < 0) return { skipped: `\`${wrong}\` is no longer on line ${p.line}; it looks fixed already` };
    lines[p.line - 1] = line.slice(0, at) + right + line.slice(at + wrong.length);
    return `line ${p.line}: \`${wrong}\` → \`${right}\` (${p.message.replace(/\s*Did you mean.*$/, '')} TypeScript suggests \`${right}\`, which is in scope)`;
  }
  const missing = MISSING.exec(p.message);
  if (missing) {
    const name = missing[1];
    const hits = (called(req, 'search_text', { query: name })?.result ?? '').split('\n');
    const exportRe = new RegExp(`^(.+?):\\d+: export\\s+(?:async\\s+)?(?:function|const|let|var|class|interface|type|enum)\\s+${name}\\b`);
    const dir = p.path.slice(0, p.path.lastIndexOf('/') + 1);
    const shared = (f: string) => [...f].findIndex((ch, i) => ch !== dir[i]);
    // The exporting file nearest to the one being fixed: its own folder before other copies elsewhere.
    const from = hits
      .map((h) => exportRe.exec(h)?.[1])
      .filter((f): f is string => !!f && normalizePath(f) !== p.path)
      .map(normalizePath)
      .sort((x, y) => shared(y) - shared(x))[0];
    if (!from) return { skipped: `no file in the workspace exports \`${name}\`` };
    const at = lastImportLine(parse(p.path, lines.join('\n')));
    lines.splice(at + 1, 0, `import { ${name} } from '${importPath(p.path, from)}';`);
    return `imported \`${name}\` from \`${from}\`, which exports it`;
  }
  const unused = UNUSED.exec(p.message);
  if (unused && /^\s*import\s/.test(line)) {
    const name = unused[1];
    const only = new RegExp(`^\\s*import\\s+(?:type\\s+)?\\{\\s*${name}\\s*\\}\\s+from\\s+['"][^'"]+['"];?\\s*$`);
    if (only.test(line)) lines.splice(p.line - 1, 1);
    else {
      // The specifier, with its "original as" when it is an alias, and one comma.
      const spec = `(?:[\\w$]+\\s+as\\s+)?${name}\\b`;
      lines[p.line - 1] = line.replace(new RegExp(`(?<![\\w$])${spec}\\s*,\\s*|,\\s*${spec}`), '');
    }
    return `removed the unused import \`${name}\``;
  }
  return { skipped: `“${p.message}” needs a decision I should not guess; tell me what you intend` };
}

export function fixReply(req: DemoRequest): SimReply {
  const problems = problemsIn(req.task);
  if (!problems.length) return prose('The request lists no compiler or linter problems I can read.', 'I see no problems to fix in this request.');
  const path = problems[0].path;
  const text = knownText(req, path);
  if (text === undefined || !isScript(path)) {
    return prose(`The problems are in ${path}, but the request does not carry its text.`, `I need the text of \`${path}\` to fix ${problems.length === 1 ? 'this problem' : 'these problems'}; open it and run **Fix Problems** again.`);
  }
  const mine = problems.filter((p) => p.path === path);
  const missingNames = mine.map((p) => MISSING.exec(p.message)?.[1]).filter((n): n is string => !!n && !imports(parse(path, text)).some((i) => i.names.includes(n)));
  if (canRead(req) && !called(req, 'read_file')) {
    const reads: Array<[string, Record<string, unknown>]> = mine.slice(0, 3).map((p) => ['read_file', { path, startLine: Math.max(1, p.line - 2), endLine: p.line + 2 }]);
    for (const name of missingNames) reads.push(['search_text', { query: name }]);
    const listed = mine.map((p) => `line ${p.line}: ${p.message.replace(/[.?]$/, '')}`).join('; ');
    return readCalls(req, `${mine.length === 1 ? 'One problem' : `${mine.length} problems`} in ${path} — ${listed}. I'll look at the code around ${mine.length === 1 ? 'it' : 'them'} first${missingNames.length ? `, and search for where ${missingNames.join(', ')} is defined` : ''}.`, reads);
  }
  const lines = text.split('\n');
  const done: string[] = [];
  const skipped: string[] = [];
  // Bottom-up, so removing or inserting a line does not move the lines of the problems still to fix.
  for (const p of [...mine].sort((a, b) => b.line - a.line || b.col - a.col)) {
    const result = fixOne(p, lines, req);
    if (typeof result === 'string') done.push(result);
    else skipped.push(`line ${p.line}: ${result.skipped}`);
  }
  const change = fileChange(path, text, lines.join('\n'));
  if (!change) {
    return prose(`Nothing in the current text of ${path} can be fixed with certainty: ${skipped.join('; ')}.`, `I looked at each problem in \`${path}\` and changed nothing:\n\n${skipped.map((s) => `- ${s}`).join('\n')}`);
  }
  const notFixed = skipped.length ? `\n\nNot changed:\n${skipped.map((s) => `- ${s}`).join('\n')}` : '';
  return editsReply(
    req,
    `I looked at the code around each problem. The smallest correct change: ${done.join('; ')}.`,
    `Fixed ${done.length} problem(s) in \`${path}\` with the smallest change:\n\n${done.reverse().map((d) => `- ${d}`).join('\n')}${notFixed}`,
    [change],
  );
}
