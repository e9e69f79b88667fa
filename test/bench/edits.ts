/**
 * Edit-engine benchmark: runs a corpus (default: the shipped one) through the review's planner
 * (see corpus.ts) and times placing one block in a generated 1 MB file.
 *   npm run bench:edits -- [--corpus DIR] [--json]
 * With --json the last line is {"counts": {...}, "cases": [...], "timing": {...}}.
 */
import * as path from 'path';
import { applyFileEdits } from '../../src/core/edits';
import { listCorpusCases, runCorpusCase, type CorpusOutcome, type CorpusResult } from './corpus';
import { median, percentile } from './stats';

const WORDS = ['order', 'cart', 'price', 'user', 'token', 'session', 'invoice', 'item', 'tax', 'stock', 'route', 'cache', 'query', 'event', 'retry', 'limit',
  'account', 'balance', 'report', 'ticket', 'payload', 'widget', 'layout', 'channel', 'message', 'profile', 'status', 'metric', 'bucket', 'queue', 'worker', 'record'];

/** A ~1 MB TypeScript-like file of distinct functions (names and bodies vary, like real code). */
export function generateLargeFile(targetBytes = 1_000_000): string {
  let seed = 42;
  const rnd = (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  const w = () => WORDS[rnd(WORDS.length)];
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < targetBytes; i++) {
    const a = w();
    const b = w();
    const fn =
      `export function ${a}${b[0].toUpperCase()}${b.slice(1)}${i}(${a}s: ${b}[], ${w()}Limit = ${rnd(100)}): number {\n` +
      `  let ${w()}Total = ${rnd(10)};\n` +
      `  for (const ${a} of ${a}s.slice(0, ${rnd(50)})) {\n` +
      `    if (!${a}.${w()}) continue;\n` +
      `    ${a}.${b} = compute${w()}(${a}, ${rnd(1000)});\n` +
      `  }\n` +
      `  return ${w()}Total;\n` +
      `}\n\n`;
    parts.push(fn);
    size += fn.length;
  }
  return parts.join('');
}

/** Lines [start, start + count) of the function nearest the end of the file. */
function lateLines(text: string, count: number): string[] {
  const lines = text.split('\n');
  let at = lines.length - 200;
  while (!lines[at].startsWith('export function')) at++;
  return lines.slice(at, at + count);
}

/** Runs one block several times on the same text: the median and fastest run, and what it did. */
function timeBlock(text: string, search: string, replace: string, runs = 9): { ms: number; minMs: number; placed: boolean; rung: string; nearest?: boolean } {
  const times: number[] = [];
  let placed = false;
  let rung = 'none';
  let nearest: boolean | undefined;
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    const result = applyFileEdits(text, [{ search, replace }]);
    times.push(performance.now() - t);
    placed = result.newText !== undefined;
    const b = result.blocks[0];
    rung = b.ok ? b.rung : b.reason;
    if (!b.ok && b.reason === 'not-found') nearest = b.nearest !== undefined;
  }
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return { ms: round(median(times)), minMs: round(Math.min(...times)), placed, rung, ...(nearest !== undefined ? { nearest } : {}) };
}

/**
 * One block in a generated 1 MB file, by the rung that places it: exact, re-indented, one line
 * drifted (fuzzy), a stale copy of a function that is not there any more (not found, with the
 * nearest text for the message), and text like nothing in the file (not found, nothing near).
 */
function largeFileTiming(): Record<string, unknown> {
  const text = generateLargeFile();
  const original = lateLines(text, 5);
  const exact = original.join('\n');
  const reindented = original.map((l) => `    ${l}`).join('\n');
  const drifted = [original[0], original[1], original[2].replace(/slice\(0, \d+\)/, 'slice(0, 7)'), original[3], original[4]].join('\n');
  // The model's memory of the function: parameters and locals renamed, the loop exit changed.
  const stale = original
    .map((l) =>
      l
        .replace(/\((\w+)s: (\w+)\[\], (\w+)Limit = \d+\)/, '(items: $2[], limit: number)')
        .replace(/let \w+Total = \d+/, 'let total = 0')
        .replace(/const (\w+) of \1s\.slice\(0, \d+\)/, 'const item of items.slice(0, limit)')
        .replace(/if \(!(\w+)\.(\w+)\) continue/, 'if (!item.$2) break')
        .replace(/(\w+)\.(\w+) = compute(\w+)\(\1, (\d+)\)/, 'item.$2 = compute$3(item, $4)'),
    )
    .join('\n');
  const missing = `export function computeMissing(input: string[]): string {\n  return input.join(', ').toUpperCase();\n}`;
  const timing = {
    fileBytes: text.length,
    fileLines: text.split('\n').length,
    exactMs: timeBlock(text, exact, `${exact}\n  // checked`),
    indentationMs: timeBlock(text, reindented, `${reindented}\n      // checked`),
    fuzzyMs: timeBlock(text, drifted, `${drifted}\n  // checked`),
    notFoundMs: timeBlock(text, stale, 'x'),
    missingMs: timeBlock(text, missing, 'x'),
  };
  const ratio = (t: { ms: number }) => Math.round((t.ms / timing.exactMs.ms) * 10) / 10;
  return { ...timing, ratioToExact: { indentation: ratio(timing.indentationMs), fuzzy: ratio(timing.fuzzyMs), notFound: ratio(timing.notFoundMs), missing: ratio(timing.missingMs) } };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const at = args.indexOf('--corpus');
  const corpus = at >= 0 && args[at + 1] ? path.resolve(args[at + 1]) : path.resolve(__dirname, '../../../test/fixtures/edit-corpus');
  const cases: CorpusResult[] = [];
  for (const dir of listCorpusCases(corpus)) cases.push(await runCorpusCase(dir));
  const counts: Record<CorpusOutcome, number> = { appliedCorrectly: 0, refusedCorrectly: 0, appliedWrongly: 0, failedToApply: 0 };
  for (const c of cases) counts[c.outcome]++;
  const times = cases.map((c) => c.ms);
  const timing = {
    caseP50Ms: Math.round(percentile(times, 50) * 100) / 100,
    caseP95Ms: Math.round(percentile(times, 95) * 100) / 100,
    largeFile: largeFileTiming(),
  };
  console.log(`corpus ${corpus}: ${cases.length} cases`);
  for (const c of cases) if (c.outcome === 'appliedWrongly' || c.outcome === 'failedToApply') console.log(`  ${c.outcome} ${c.name}: ${c.detail}`);
  for (const [k, v] of Object.entries(counts)) console.log(`${k.padEnd(18)} ${v}`);
  console.log(`per case p50 ${timing.caseP50Ms} ms, p95 ${timing.caseP95Ms} ms`);
  console.log(`1 MB file: ${JSON.stringify(timing.largeFile)}`);
  if (json) console.log(JSON.stringify({ counts, cases, timing }));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
