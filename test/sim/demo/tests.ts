/**
 * Generate Tests: finds the project's test framework (package.json) and where it keeps
 * tests (list_files), reads the code under test and its imports, then writes a new test
 * file with sample inputs built from the parameter types and expectations pinned from
 * what the code returns today (characterize.ts).
 */
import type { SimReply } from '../types';
import { editsReply, prose, readCalls } from './answer';
import { characterize, type Case, type Outcome } from './characterize';
import { called, canRead, knownText, normalizePath, type DemoRequest } from './request';
import { declarations, importPath, imports, isScript, overlaps, parse, resolveImport, type Decl } from './source';
import { phrase, plural, splitWords } from './words';

type Framework = 'vitest' | 'jest' | 'mocha' | 'node:test';
type Fields = Map<string, Array<{ name: string; type: string }>>;

const TEST_GLOB = '**/*.{test,spec}.{ts,tsx,js,jsx,mjs,cjs}';

function framework(packageJson: string | undefined): Framework {
  let deps: Record<string, unknown> = {};
  try {
    const pkg = JSON.parse(packageJson ?? '{}') as Record<string, Record<string, unknown> | undefined>;
    deps = { ...pkg.dependencies, ...pkg.devDependencies };
  } catch {
    // an unreadable package.json says nothing about the framework
  }
  if ('vitest' in deps) return 'vitest';
  if ('jest' in deps || 'ts-jest' in deps) return 'jest';
  if ('mocha' in deps) return 'mocha';
  return 'node:test';
}

/** A JavaScript literal for a value of `type`, or undefined when the demo cannot make one up. */
function sample(type: string | undefined, name: string, fields: Fields, variant: number, depth = 0): string | undefined {
  const words = splitWords(name);
  const has = (...w: string[]) => words.some((x) => w.includes(x));
  const t = (type ?? '').trim();
  if (depth > 3) return undefined;
  const list = /^(?:readonly\s+)?(.+)\[\]$/.exec(t) ?? /^(?:Readonly)?Array<(.+)>$/.exec(t);
  if (list) {
    const one = sample(list[1], name.replace(/s$/, ''), fields, 0, depth + 1);
    const two = sample(list[1], name.replace(/s$/, ''), fields, 1, depth + 1);
    return one && two ? `[${one}, ${two}]` : undefined;
  }
  if (t === 'number' || (!t && has('amount', 'total', 'price', 'count', 'percent', 'quantity'))) {
    if (has('percent', 'pct', 'rate')) return ['10', '25'][variant];
    if (has('quantity', 'count', 'qty', 'n', 'index')) return ['3', '2'][variant];
    if (has('price', 'amount', 'total', 'cost', 'subtotal')) return ['19.99', '4.5'][variant];
    return ['3', '7'][variant];
  }
  if (t === 'string') return has('name', 'title', 'label') ? ["'Pen'", "'Notebook'"][variant] : ["'example'", "'other'"][variant];
  if (t === 'boolean') return ['true', 'false'][variant];
  const literal = /^(['"][^'"]*['"])\s*(\||$)/.exec(t);
  if (literal) return literal[1];
  const shape = fields.get(t);
  if (shape) {
    const parts = shape.map((f) => [f.name, sample(f.type, f.name, fields, variant, depth + 1)] as const);
    return parts.every(([, v]) => v !== undefined) ? `{ ${parts.map(([k, v]) => `${k}: ${v}`).join(', ')} }` : undefined;
  }
  return undefined;
}

function caseFor(decl: Decl, fields: Fields, empty: boolean): Case | undefined {
  const args: string[] = [];
  for (const p of decl.params ?? []) {
    if (p.optional) break;
    const value = empty && /\[\]$|^Array</.test(p.type ?? '') ? '[]' : sample(p.type, p.name, fields, 0);
    if (value === undefined) return undefined;
    args.push(value);
  }
  return { fn: decl.name, args: args.join(', ') };
}

/** A single-quoted JavaScript string literal. */
function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

/** The expected value as source: strings single-quoted like the rest of the file, the rest as JSON. */
function literal(outcome: Extract<Outcome, { ok: true }>): string {
  return outcome.kind === 'string' ? quote(JSON.parse(outcome.json!) as string) : outcome.json!;
}

function short(json: string): string {
  return json.length > 40 ? `${json.slice(0, 37)}…` : json;
}

function assertion(fw: Framework, call: string, outcome: Outcome): string {
  const expectStyle = fw === 'vitest' || fw === 'jest';
  if (!outcome.ok) {
    const message = quote(outcome.error);
    return expectStyle ? `expect(() => ${call}).toThrow(${message});` : `assert.throws(() => ${call}, { message: ${message} });`;
  }
  if (outcome.json === undefined) return expectStyle ? `expect(typeof ${call}).toBe('${outcome.kind}');` : `assert.strictEqual(typeof ${call}, '${outcome.kind}');`;
  const deep = outcome.kind === 'object' || outcome.kind === 'array';
  if (expectStyle) return `expect(${call}).${deep ? 'toEqual' : 'toBe'}(${literal(outcome)});`;
  return `assert.${deep ? 'deepStrictEqual' : 'strictEqual'}(${call}, ${literal(outcome)});`;
}

function header(fw: Framework, packageJson: string | undefined): string[] {
  if (fw === 'vitest') return ["import { describe, expect, it } from 'vitest';"];
  if (fw === 'jest') return /@jest\/globals/.test(packageJson ?? '') ? ["import { describe, expect, it } from '@jest/globals';"] : [];
  if (fw === 'mocha') return ["import { strict as assert } from 'assert';"];
  return ["import { describe, it } from 'node:test';", "import { strict as assert } from 'node:assert';"];
}

/** Where the new file goes: beside the project's existing tests, else in test/. */
function testPath(focusPath: string, listing: string[]): string {
  const base = focusPath.slice(focusPath.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '');
  const ext = /\.[^.]+$/.exec(focusPath)?.[0] ?? '.ts';
  const existing = listing.find((p) => /\.(test|spec)\.[a-z]+$/.test(p));
  const dir = existing ? existing.slice(0, existing.lastIndexOf('/') + 1) : 'test/';
  const kind = existing && /\.spec\./.test(existing) ? 'spec' : 'test';
  let path = `${dir}${base}.${kind}${ext}`;
  for (let n = 2; listing.includes(path); n++) path = `${dir}${base}.${n}.${kind}${ext}`;
  return path;
}

export function testsReply(req: DemoRequest): SimReply {
  const focus = req.blocks[0];
  if (!focus || !isScript(focus.path)) {
    return prose('Tests were asked for, but no TypeScript or JavaScript code came with the request.', 'Open the TypeScript or JavaScript file to test (select a function, if you like) and run **Generate Tests** again.');
  }
  const path = normalizePath(focus.path);
  const full = focus.label === 'Selection' ? knownText(req, path) : focus.text;
  if (canRead(req) && !called(req, 'list_files')) {
    const calls: Array<[string, Record<string, unknown>]> = [['read_file', { path: 'package.json' }], ['list_files', { glob: TEST_GLOB }]];
    if (full === undefined) calls.push(['read_file', { path }]);
    return readCalls(req, `To write tests that fit ${path} I need the project's test framework (package.json), where its tests live, and the whole file under test.`, calls);
  }
  const text = full ?? focus.text;
  const sf = parse(path, text);
  const deps = imports(sf).map((i) => resolveImport(path, i.specifier)).filter((p): p is string => !!p);
  const unread = deps.filter((p) => knownText(req, p) === undefined && !called(req, 'read_file', { path: p }));
  if (unread.length && canRead(req)) {
    return readCalls(req, `${path} imports ${unread.join(', ')}; reading ${unread.length === 1 ? 'it' : 'them'} to know the types and what the code depends on.`, unread.map((p) => ['read_file', { path: p }]));
  }
  const sources = new Map<string, string>([[path, text], ...deps.flatMap((p) => (knownText(req, p) === undefined ? [] : [[p, knownText(req, p)!] as [string, string]]))]);
  const fields: Fields = new Map();
  for (const [p, t] of sources) {
    for (const d of declarations(parse(p, t))) if (d.kind === 'interface') fields.set(d.name, (d.members ?? []).filter((m) => m.kind === 'property').map((m) => ({ name: m.name, type: m.returnType ?? '' })));
  }
  const from = focus.label === 'Selection' && full !== undefined ? (focus.startLine ?? 0) : 0;
  const to = focus.label === 'Selection' && full !== undefined ? from + focus.text.split('\n').length : Number.MAX_SAFE_INTEGER;
  const targets = declarations(sf).filter((d) => d.exported && d.params !== undefined && overlaps(d, from, to));
  const cases = targets.flatMap((d) => {
    const main = caseFor(d, fields, false);
    const empty = (d.params ?? []).some((p) => /\[\]$|^Array</.test(p.type ?? '')) ? caseFor(d, fields, true) : undefined;
    return [main, empty].filter((c): c is Case => !!c);
  });
  const outcomes = cases.length ? characterize(path, sources, cases) : undefined;
  const pinned = cases.flatMap((c, i) => (outcomes?.[i] ? [{ ...c, outcome: outcomes[i]! }] : []));
  if (!pinned.length) {
    return prose(
      `No exported function in ${path}${from ? ' within the selection' : ''} could be called with sample inputs built from its parameter types.`,
      `I could not find an exported function in ${focus.label === 'Selection' ? 'the selection' : `\`${path}\``} whose inputs I can construct and run, so I wrote no tests. Select an exported function with typed parameters and try again.`,
    );
  }
  const packageJson = knownText(req, 'package.json');
  const fw = framework(packageJson);
  const listing = (called(req, 'list_files')?.result ?? '').split('\n').map(normalizePath).filter((l) => /\.(test|spec)\.[a-z]+$/.test(l));
  const file = testPath(path, listing);
  const names = [...new Set(pinned.map((c) => c.fn))];
  const body: string[] = [...header(fw, packageJson), `import { ${names.join(', ')} } from '${importPath(file, path)}';`, ''];
  for (const name of names) {
    body.push(`describe('${name}', () => {`);
    for (const { fn, args, outcome } of pinned) {
      if (fn !== name) continue;
      const input = args === '' ? 'no arguments' : /\[\]/.test(args) ? 'an empty list' : `the sample ${phrase(targets.find((d) => d.name === name)?.params?.[0]?.name ?? 'input')}`;
      const what = !outcome.ok ? `throws for ${input}` : outcome.json !== undefined ? `returns ${short(outcome.json)} for ${input}` : `returns a ${outcome.kind} for ${input}`;
      body.push(`  it(${quote(what)}, () => {`, `    ${assertion(fw, `${name}(${args})`, outcome)}`, '  });');
    }
    body.push('});', '');
  }
  const reasoning = `${fw === 'node:test' ? 'No test framework is listed in package.json, so node:test with node:assert' : `package.json uses ${fw}`}; ${listing.length ? `existing tests live in ${file.slice(0, file.lastIndexOf('/') + 1)}` : 'there are no tests yet, so the file goes in test/'}. I'll cover ${names.join(', ')} with inputs built from their parameter types, and pin the results the code gives for them today.`;
  return editsReply(
    req,
    reasoning,
    `Wrote \`${file}\` with ${pinned.length} test(s) for ${names.map((n) => `\`${n}\``).join(', ')} using ${fw === 'node:test' ? '`node:test`' : fw}. Expected values are what the current code returns for sample ${plural('input')}; check they are what you intend before relying on them.`,
    [{ kind: 'create', path: file, content: body.join('\n').replace(/\n+$/, '\n') }],
  );
}
