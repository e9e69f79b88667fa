/**
 * What the code under test returns today, so the generated tests pin real behaviour
 * (characterisation tests). The modules the request carries are transpiled and run in a
 * fresh V8 context with no Node globals, no require beyond those modules, no eval, and a
 * time limit; only JSON text crosses back. A case that needs a module the request did not
 * carry comes back undefined, and is not pinned.
 */
import * as vm from 'vm';
import { imports, parse, resolveImport, ts } from './source';

export interface Case {
  fn: string;
  /** JavaScript source of the argument list, e.g. `[1, 2], 'x'`. */
  args: string;
}

export type Outcome = { ok: true; json?: string; kind: string } | { ok: false; error: string };

const TIME_LIMIT_MS = 200;
const MISSING = 'demo: module not in the request: ';

/** Runs each case against `entry`; `sources` maps workspace paths to their text. */
export function characterize(entry: string, sources: Map<string, string>, cases: Case[]): Array<Outcome | undefined> | undefined {
  const modules: string[] = [];
  const links: Record<string, Record<string, string>> = {};
  for (const [path, text] of sources) {
    const js = ts.transpileModule(text, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 }, fileName: path }).outputText;
    modules.push(`${JSON.stringify(path)}: function (exports, require, module) {\n${js}\n}`);
    links[path] = {};
    for (const i of imports(parse(path, text))) {
      const target = resolveImport(path, i.specifier);
      if (target && sources.has(target)) links[path][i.specifier] = target;
    }
  }
  const script = `'use strict';
const MISSING = ${JSON.stringify(MISSING)};
const sources = {${modules.join(',\n')}};
const links = ${JSON.stringify(links)};
const cache = {};
function load(path) {
  if (cache[path]) return cache[path].exports;
  const module = { exports: {} };
  cache[path] = module;
  sources[path](module.exports, (spec) => {
    const target = links[path][spec];
    // A module the request did not carry: any use of it marks the case as unknowable, not as a failure.
    if (!target) return new Proxy({}, { get() { throw new Error(MISSING + spec); } });
    return load(target);
  }, module);
  return module.exports;
}
const entry = load(${JSON.stringify(entry)});
const out = [];
${cases
  .map(
    (c) => `try {
  const value = entry[${JSON.stringify(c.fn)}](${c.args});
  const finite = typeof value !== 'number' || Number.isFinite(value);
  out.push({ ok: true, kind: Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value, json: finite && value !== undefined ? JSON.stringify(value) : undefined });
} catch (error) {
  out.push({ ok: false, error: String(error && error.message || error) });
}`,
  )
  .join('\n')}
JSON.stringify(out);`;
  try {
    const context = vm.createContext(Object.create(null), { codeGeneration: { strings: false, wasm: false } });
    const result = new vm.Script(script, { filename: 'demo-characterize.js' }).runInContext(context, { timeout: TIME_LIMIT_MS });
    if (typeof result !== 'string') return undefined;
    const outcomes = JSON.parse(result) as Outcome[];
    return outcomes.map((o) => (!o.ok && o.error.startsWith(MISSING) ? undefined : o));
  } catch {
    return undefined;
  }
}
