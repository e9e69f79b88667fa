/**
 * How the demo model says what it decided: read-tool calls, edits (through the edit tools
 * when they are offered, else in the SEARCH/REPLACE and fenced-file format the chat prompt
 * teaches), or prose. Edits are computed as whole new file texts and turned into the
 * smallest search/replace pairs that are each unique in the text they apply to.
 */
import { createHash } from 'crypto';
import { diffArrays } from 'diff';
import type { SimReply, SimToolCall } from '../types';
import type { DemoRequest } from './request';

export interface SearchReplace {
  search: string;
  replace: string;
}

export type DemoChange = { kind: 'edit'; path: string; edits: SearchReplace[] } | { kind: 'create'; path: string; content: string };

function lines(text: string): string[] {
  return text.split(/(?<=\n)/).filter((l) => l !== '');
}

function count(haystack: string, needle: string): number {
  let n = 0;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) n++;
  return n;
}

/** Search/replace pairs that turn `before` into `after`, applied in order, each unique where it applies. */
export function editsBetween(before: string, after: string): SearchReplace[] {
  const a = lines(before);
  const b = lines(after);
  const regions: Array<{ a0: number; a1: number; b0: number; b1: number }> = [];
  let ai = 0;
  let bi = 0;
  for (const part of diffArrays(a, b)) {
    const n = part.value.length;
    const last = regions.at(-1);
    const open = last && last.a1 === ai && last.b1 === bi ? last : undefined;
    if (part.added) {
      if (open) open.b1 += n;
      else regions.push({ a0: ai, a1: ai, b0: bi, b1: bi + n });
      bi += n;
    } else if (part.removed) {
      if (open) open.a1 += n;
      else regions.push({ a0: ai, a1: ai + n, b0: bi, b1: bi });
      ai += n;
    } else {
      ai += n;
      bi += n;
    }
  }
  const edits: SearchReplace[] = [];
  // Before region k the text is already `after` (b[0..b0)); from a0 on it is still `before`.
  let current = before;
  for (const r of regions) {
    const at = b.slice(0, r.b0).join('').length;
    for (let c = r.a0 === r.a1 ? 1 : 0; ; c++) {
      const lead = b.slice(Math.max(0, r.b0 - c), r.b0).join('');
      const tail = a.slice(r.a1, r.a1 + c).join('');
      const search = lead + a.slice(r.a0, r.a1).join('') + tail;
      const whole = r.b0 - c <= 0 && r.a1 + c >= a.length;
      if ((search !== '' && count(current, search) === 1) || whole) {
        const replace = lead + b.slice(r.b0, r.b1).join('') + tail;
        edits.push({ search, replace });
        const from = at - lead.length;
        current = current.slice(0, from) + replace + current.slice(from + search.length);
        break;
      }
    }
  }
  return edits;
}

/** A change to an existing file, from its current and its new text; undefined when nothing changes. */
export function fileChange(path: string, before: string, after: string): DemoChange | undefined {
  if (before === after) return undefined;
  if (before === '') return { kind: 'create', path, content: after };
  return { kind: 'edit', path, edits: editsBetween(before, after) };
}

/** Ids derived from the conversation so far: the same conversation gets the same ids (and the same prompt prefix). */
function toolCall(req: DemoRequest, index: number, name: string, args: Record<string, unknown>): SimToolCall {
  const text = JSON.stringify(args);
  const digest = createHash('sha256').update(`${req.exchanges.length}:${index}:${name}:${text}`).digest('base64url');
  return { id: `call_${digest.slice(0, 22)}`, name, arguments: text };
}

export function readCalls(req: DemoRequest, reasoning: string, calls: Array<[string, Record<string, unknown>]>, content = ''): SimReply {
  return { reasoning, content, toolCalls: calls.map(([name, args], i) => toolCall(req, i, name, args)) };
}

export function prose(reasoning: string, content: string): SimReply {
  return { reasoning, content };
}

function fenceFor(text: string): string {
  let fence = '```';
  while (text.includes(fence)) fence += '`';
  return fence;
}

function languageOf(path: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase() ?? '';
  const map: Record<string, string> = { ts: 'ts', tsx: 'tsx', js: 'js', jsx: 'jsx', mjs: 'js', cjs: 'js', css: 'css', html: 'html', vue: 'vue', svelte: 'svelte', py: 'python', json: 'json', md: 'markdown' };
  return map[ext] ?? ext;
}

/** The chat's text format: a path line, then SEARCH/REPLACE blocks, or a fenced whole file. */
export function asText(changes: DemoChange[]): string {
  const out: string[] = [];
  for (const change of changes) {
    if (change.kind === 'create') {
      const fence = fenceFor(change.content);
      out.push(change.path, `${fence}${languageOf(change.path)}`, change.content.replace(/\n$/, ''), fence, '');
      continue;
    }
    for (const edit of change.edits) {
      const body = (text: string) => (text === '' ? [] : [text.replace(/\n$/, '')]);
      out.push(change.path, '<<<<<<< SEARCH', ...body(edit.search), '=======', ...body(edit.replace), '>>>>>>> REPLACE', '');
    }
  }
  return out.join('\n');
}

/** Proposes `changes` through the edit tools when offered, else as text after the summary. */
export function editsReply(req: DemoRequest, reasoning: string, summary: string, changes: DemoChange[]): SimReply {
  if (req.offered.has('edit_file') && req.offered.has('create_file')) {
    const calls = changes.map((c, i) => (c.kind === 'create' ? toolCall(req, i, 'create_file', { path: c.path, content: c.content }) : toolCall(req, i, 'edit_file', { path: c.path, edits: c.edits })));
    return { reasoning, content: summary, toolCalls: calls };
  }
  return { reasoning, content: `${summary}\n\n${asText(changes)}`.trimEnd() + '\n' };
}
