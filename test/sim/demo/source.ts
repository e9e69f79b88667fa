/**
 * The demo model's reading of TypeScript and JavaScript: declarations with their
 * parameters, types, doc comments and lines, imports, and identifier occurrences —
 * from the TypeScript parser, so it copes with any formatting. Parsing only: nothing
 * here type-checks or runs the code.
 */
import * as ts from 'typescript';

export interface Param {
  name: string;
  type?: string;
  optional: boolean;
  init?: string;
}

export interface Decl {
  kind: 'function' | 'class' | 'interface' | 'type' | 'variable' | 'method' | 'property';
  name: string;
  exported: boolean;
  /** Parameters of functions, methods and function-valued variables. */
  params?: Param[];
  returnType?: string;
  /** 0-based lines where the declaration (with its modifiers) starts and ends. */
  line: number;
  endLine: number;
  indent: string;
  hasDoc: boolean;
  body?: ts.Node;
  members?: Decl[];
}

export interface ImportInfo {
  specifier: string;
  names: string[];
}

/** Whether the declaration shares a line with [from, to). */
export function overlaps(decl: Decl, from: number, to: number): boolean {
  return decl.line < to && decl.endLine >= from;
}

export function isScript(path: string): boolean {
  return /\.(ts|tsx|js|jsx|mjs|cjs|mts|cts)$/i.test(path);
}

export function parse(path: string, text: string): ts.SourceFile {
  const kind = /\.tsx$/i.test(path) ? ts.ScriptKind.TSX : /\.jsx$/i.test(path) ? ts.ScriptKind.JSX : /\.[mc]?js$/i.test(path) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  return ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kind);
}

function lineOf(sf: ts.SourceFile, node: ts.Node): number {
  return sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);
}

function params(sf: ts.SourceFile, list: ts.NodeArray<ts.ParameterDeclaration>): Param[] {
  return list.map((p) => ({
    name: p.name.getText(sf),
    ...(p.type ? { type: p.type.getText(sf) } : {}),
    optional: !!p.questionToken || !!p.initializer,
    ...(p.initializer ? { init: p.initializer.getText(sf) } : {}),
  }));
}

function describe(sf: ts.SourceFile, node: ts.Node, kind: Decl['kind'], name: string, extra: Partial<Decl> = {}): Decl {
  const line = lineOf(sf, node);
  const lineText = sf.text.split('\n')[line] ?? '';
  const docs = ts.getJSDocCommentsAndTags(node).length > 0 || /\/\*\*[\s\S]*\*\/\s*$/.test(sf.text.slice(node.getFullStart(), node.getStart(sf)));
  const endLine = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
  return { kind, name, exported: hasModifier(node, ts.SyntaxKind.ExportKeyword), line, endLine, indent: /^\s*/.exec(lineText)![0], hasDoc: docs, ...extra };
}

function members(sf: ts.SourceFile, node: ts.InterfaceDeclaration | ts.ClassDeclaration): Decl[] {
  const out: Decl[] = [];
  for (const m of node.members) {
    const name = m.name && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name)) ? m.name.text : undefined;
    if (!name) continue;
    if (ts.isPropertySignature(m) || ts.isPropertyDeclaration(m)) out.push(describe(sf, m, 'property', name, m.type ? { returnType: m.type.getText(sf) } : {}));
    else if (ts.isMethodSignature(m) || ts.isMethodDeclaration(m)) {
      out.push(describe(sf, m, 'method', name, { params: params(sf, m.parameters), ...(m.type ? { returnType: m.type.getText(sf) } : {}), ...(ts.isMethodDeclaration(m) && m.body ? { body: m.body } : {}) }));
    }
  }
  return out;
}

/** Top-level declarations in source order. */
export function declarations(sf: ts.SourceFile): Decl[] {
  const out: Decl[] = [];
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && st.name) {
      out.push(describe(sf, st, 'function', st.name.text, { params: params(sf, st.parameters), ...(st.type ? { returnType: st.type.getText(sf) } : {}), ...(st.body ? { body: st.body } : {}) }));
    } else if (ts.isClassDeclaration(st) && st.name) {
      out.push(describe(sf, st, 'class', st.name.text, { members: members(sf, st) }));
    } else if (ts.isInterfaceDeclaration(st)) {
      out.push(describe(sf, st, 'interface', st.name.text, { members: members(sf, st) }));
    } else if (ts.isTypeAliasDeclaration(st)) {
      out.push(describe(sf, st, 'type', st.name.text));
    } else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        if (!ts.isIdentifier(d.name)) continue;
        const fn = d.initializer && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer)) ? d.initializer : undefined;
        const type = fn?.type ?? d.type;
        out.push(describe(sf, st, 'variable', d.name.text, { ...(fn ? { params: params(sf, fn.parameters), body: fn.body } : {}), ...(type ? { returnType: type.getText(sf) } : {}) }));
      }
    }
  }
  return out;
}

export function imports(sf: ts.SourceFile): ImportInfo[] {
  const out: ImportInfo[] = [];
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier)) continue;
    const names: string[] = [];
    const clause = st.importClause;
    if (clause?.name) names.push(clause.name.text);
    if (clause?.namedBindings && ts.isNamedImports(clause.namedBindings)) names.push(...clause.namedBindings.elements.map((e) => e.name.text));
    out.push({ specifier: st.moduleSpecifier.text, names });
  }
  return out;
}

/** 0-based line of the last import, or -1. */
export function lastImportLine(sf: ts.SourceFile): number {
  const last = [...sf.statements].reverse().find((s) => ts.isImportDeclaration(s));
  return last ? sf.getLineAndCharacterOfPosition(last.getEnd()).line : -1;
}

/** Every node below `root` (depth first). */
export function walk(root: ts.Node, visit: (node: ts.Node) => void): void {
  const go = (node: ts.Node): void => {
    visit(node);
    ts.forEachChild(node, go);
  };
  go(root);
}

/** Offsets of identifiers named `name` (code only: never inside strings or comments). */
export function identifierRanges(sf: ts.SourceFile, name: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  walk(sf, (node) => {
    if (ts.isIdentifier(node) && node.text === name) out.push([node.getStart(sf), node.getEnd()]);
  });
  return out;
}

/** Replaces text ranges (non-overlapping) from the end, so earlier offsets stay valid. */
export function replaceRanges(text: string, ranges: Array<[number, number, string]>): string {
  let out = text;
  for (const [start, end, by] of [...ranges].sort((x, y) => y[0] - x[0])) out = out.slice(0, start) + by + out.slice(end);
  return out;
}

/** A path relative to `fromFile`'s folder, in import style: "./pricing", "../src/cart". */
export function importPath(fromFile: string, toFile: string): string {
  const from = fromFile.split('/').slice(0, -1);
  const to = toFile.replace(/\.(ts|tsx|mts|cts)$/, '').split('/');
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  const up = from.length - common;
  const rel = [...Array<string>(up).fill('..'), ...to.slice(common)].join('/');
  return up === 0 ? `./${rel}` : rel;
}

/** The workspace path an import specifier refers to, guessing the importer's extension. */
export function resolveImport(fromFile: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const parts = fromFile.split('/').slice(0, -1);
  for (const seg of specifier.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  const joined = parts.join('/');
  const ext = /\.[a-z]+$/i.exec(fromFile)?.[0] ?? '.ts';
  if (/\.(ts|tsx|js|jsx|mjs|cjs)$/i.test(joined)) return /\.js$/i.test(joined) && /\.tsx?$/i.test(ext) ? joined.replace(/\.js$/i, ext) : joined;
  return `${joined}${ext}`;
}

export { ts };
