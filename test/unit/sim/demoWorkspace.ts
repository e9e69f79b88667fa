/**
 * Drives the demo model the way the product does, without VS Code: the sample workspace
 * in memory, read tools answering in the product's format (src/vscode/edits/readTools.ts),
 * the real agent loop, client, message builder, edit parser and placer, and TypeScript's
 * own diagnostics for the workspace.
 */
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { runAgent, type AgentResult } from '../../../src/core/agent';
import { toApiMessages } from '../../../src/core/chat/messages';
import type { ContextBlock, StoredImage } from '../../../src/core/chat/types';
import type { Intent } from '../../../src/core/effort';
import { applyFileEdits, changesFromToolCalls, EDIT_TOOLS, parseAnswer, READ_TOOLS, type ProposedChange } from '../../../src/core/edits';
import { createStepClient, type StepClient } from '../../../src/core/provider/client';
import type { ToolDefinition } from '../../../src/core/provider/types';
import { commandSystemPrompt } from '../../../src/core/prompts';
import { demoModel } from '../../sim/demo';
import { startSimulator } from '../../sim/server';
import type { Flavour, Simulator } from '../../sim/types';
import { GLOBAL_KEY, modelFor, profileFor, providerFor } from '../provider/simClient';

export const FIXTURE_WORKSPACE = path.resolve(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'workspace');
export type Workspace = Map<string, string>;

export function loadWorkspace(): Workspace {
  const files: Workspace = new Map();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (!entry.name.endsWith('.bin')) files.set(path.relative(FIXTURE_WORKSPACE, full).split(path.sep).join('/'), readFileSync(full, 'utf8'));
    }
  };
  walk(FIXTURE_WORKSPACE);
  return files;
}

const globRe = (glob: string) =>
  new RegExp(
    `^${glob
      .replace(/[.+^$()|[\]\\]/g, '\\$&')
      .replace(/\{([^}]*)\}/g, (_, alts: string) => `(${alts.split(',').join('|')})`)
      .replace(/\*\*\//g, '%DIRS%')
      .replace(/\*\*/g, '.*')
      .replace(/\*/g, '[^/]*')
      .replace(/%DIRS%/g, '(.*/)?')}$`,
  );

/** The product's read tools over the in-memory workspace, same output format. */
export function readTool(ws: Workspace, name: string, args: Record<string, unknown>): string {
  if (name === 'read_file') {
    const text = ws.get(String(args.path));
    if (text === undefined) return `Error: ${String(args.path)} was not found in the workspace`;
    const lines = text.split(/\r?\n/);
    const start = Math.max(1, Number(args.startLine) || 1);
    const end = Math.min(lines.length, Number(args.endLine) || lines.length);
    let out = '';
    for (let i = start; i <= end; i++) out += `${i}: ${lines[i - 1]}\n`;
    return out || '(empty file)';
  }
  const glob = typeof args.glob === 'string' && args.glob ? args.glob : '**/*';
  const files = [...ws.keys()].filter((f) => globRe(glob).test(f)).sort();
  if (name === 'list_files') return files.join('\n') || `No files match ${glob}`;
  if (name === 'search_text') {
    const hits = files.flatMap((f) => ws.get(f)!.split(/\r?\n/).flatMap((l, i) => (l.includes(String(args.query)) ? [`${f}:${i + 1}: ${l.trim()}`] : [])));
    return hits.join('\n') || `No matches for “${String(args.query)}”`;
  }
  return `Error: unknown tool ${name}`;
}

export function fileBlock(ws: Workspace, file: string): ContextBlock {
  return { label: 'File', path: file, language: 'typescript', text: ws.get(file)! };
}

/** A selection of whole lines [from, to] (0-based, inclusive), as the product attaches it. */
export function selectionBlock(ws: Workspace, file: string, from: number, to: number): ContextBlock {
  return { label: 'Selection', path: file, language: 'typescript', text: ws.get(file)!.split('\n').slice(from, to + 1).join('\n'), startLine: from };
}

export interface DemoHarness {
  sim: Simulator;
  client: StepClient;
  close(): Promise<void>;
}

export async function demoHarness(flavour: Flavour = 'stepfun'): Promise<DemoHarness> {
  const sim = await startSimulator({ flavour, fallback: demoModel() });
  const client = createStepClient({ profile: profileFor(sim, providerFor(flavour), { model: modelFor(flavour) }), apiKey: GLOBAL_KEY });
  return { sim, client, close: () => sim.close() };
}

export interface CommandRun {
  agent: AgentResult;
  reasoning: string[];
  changes: ProposedChange[];
  problems: string[];
}

/** One editing command as editingRunner.ts runs it: its system prompt, the agent loop, the edit parser. */
export async function runCommand(
  h: DemoHarness,
  ws: Workspace,
  request: { intent: Intent; prompt: string; context?: ContextBlock[]; images?: StoredImage[]; maxSteps?: number },
): Promise<CommandRun> {
  const next = { text: request.prompt, context: request.context ?? [], images: request.images ?? [] };
  const reasoning: string[] = [];
  const agent = await runAgent(toApiMessages(commandSystemPrompt(request.intent, true), [], next), { read: READ_TOOLS, edit: EDIT_TOOLS }, request.maxSteps ?? 8, {
    ask: async (messages, tools) => {
      const result = await h.client.streamChat({ messages, tools: [...tools] as ToolDefinition[], effort: 'high' });
      reasoning.push(result.reasoning);
      return { text: result.answerText, toolCalls: result.toolCalls.map((c) => ({ id: c.id, name: c.function.name, arguments: c.function.arguments })), stopped: result.stopped };
    },
    runReadTool: async (name, args) => readTool(ws, name, args),
    onStep: () => undefined,
  });
  const fromTools = changesFromToolCalls(agent.editCalls);
  const parsed = fromTools.changes.length ? fromTools : parseAnswer(agent.text);
  return { agent, reasoning, changes: parsed.changes, problems: [...fromTools.problems, ...(fromTools.changes.length ? [] : parsed.problems)] };
}

/** The workspace after the changes, placed by the product's planner; throws naming any block that fails. */
export function applyChanges(ws: Workspace, changes: ProposedChange[]): Workspace {
  const out = new Map(ws);
  for (const c of changes) {
    if (c.kind === 'create') out.set(c.path, c.content);
    else if (c.kind === 'edit') {
      const current = out.get(c.path);
      if (current === undefined) throw new Error(`edit of missing file ${c.path}`);
      const result = applyFileEdits(current, c.edits);
      if (result.newText === undefined) throw new Error(`${c.path}: ${JSON.stringify(result.blocks.filter((b) => !b.ok))}`);
      out.set(c.path, result.newText);
    } else throw new Error(`unexpected change kind ${c.kind}`);
  }
  return out;
}

/** Parsed standard-library files, shared by every program: parsing them is most of a check's cost. */
const libFiles = new Map<string, ts.SourceFile | undefined>();

/** TypeScript's diagnostics for the workspace's src/ project (its tsconfig), in the product's diagnosticsText format. */
export function diagnostics(ws: Workspace, file?: string): string[] {
  // The ES5 library has everything the sample uses and keeps a check fast.
  const options: ts.CompilerOptions = { target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS, strict: true, noEmit: true, types: [], lib: ['lib.es5.d.ts'], skipDefaultLibCheck: true };
  const roots = [...ws.keys()].filter((f) => /^src\/.*\.ts$/.test(f));
  const host = ts.createCompilerHost(options);
  host.getSourceFile = (name, version) => {
    const own = ws.get(name);
    if (own !== undefined) return ts.createSourceFile(name, own, version);
    if (!libFiles.has(name)) {
      const text = ts.sys.readFile(name);
      libFiles.set(name, text === undefined ? undefined : ts.createSourceFile(name, text, version));
    }
    return libFiles.get(name);
  };
  host.fileExists = (name) => ws.has(name) || ts.sys.fileExists(name);
  host.readFile = (name) => ws.get(name) ?? ts.sys.readFile(name);
  host.getCurrentDirectory = () => '';
  const program = ts.createProgram(roots, options, host);
  // Only the workspace's own files are checked, not the library.
  return roots
    .filter((f) => !file || f === file)
    .flatMap((f) => {
      const sf = program.getSourceFile(f)!;
      return [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)];
    })
    .map((d) => {
      const { line, character } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
      return `${d.file!.fileName}:${line + 1}:${character + 1} ${d.category === ts.DiagnosticCategory.Error ? 'error' : 'warning'} ${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
}
