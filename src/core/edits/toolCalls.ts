/** Proposed changes from edit tool calls; malformed calls become problems that name the tool. */
// zod/mini, as every other schema: classic zod with all its locales was half of dist/services.js, built before the first request.
import * as z from '../../shared/zod';
import { isElisionLine } from './elision';
import type { ProposedChange } from './types';

const nonEmpty = () => z.string().check(z.minLength(1));

const schemas = {
  edit_file: z.object({ path: nonEmpty(), edits: z.array(z.object({ search: z.string(), replace: z.string() })).check(z.minLength(1)) }),
  create_file: z.object({ path: nonEmpty(), content: z.string() }),
  delete_file: z.object({ path: nonEmpty() }),
  rename_file: z.object({ from: nonEmpty(), to: nonEmpty() }),
} as const;

type ToolName = keyof typeof schemas;

function describeIssues(error: z.core.$ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'arguments'}: ${i.message}`).join('; ');
}

export function changesFromToolCalls(calls: Array<{ name: string; arguments: string | Record<string, unknown> }>): {
  changes: ProposedChange[];
  problems: string[];
} {
  const changes: ProposedChange[] = [];
  const problems: string[] = [];
  calls.forEach((call, n) => {
    const where = `Tool call ${n + 1} (${call.name})`;
    if (!(call.name in schemas)) {
      problems.push(`${where}: not an edit tool; expected one of ${Object.keys(schemas).join(', ')}.`);
      return;
    }
    let args: unknown = call.arguments;
    if (typeof call.arguments === 'string') {
      try {
        args = JSON.parse(call.arguments === '' ? '{}' : call.arguments);
      } catch (e) {
        problems.push(`${where}: arguments are not valid JSON (${(e as Error).message}).`);
        return;
      }
    }
    const name = call.name as ToolName;
    const parsed = schemas[name].safeParse(args);
    if (!parsed.success) {
      problems.push(`${where}: ${describeIssues(parsed.error)}.`);
      return;
    }
    const a = parsed.data as Record<string, unknown>;
    switch (name) {
      case 'edit_file': {
        const { path, edits } = a as z.infer<(typeof schemas)['edit_file']>;
        changes.push({ kind: 'edit', path, edits: edits.map((e) => ({ search: e.search, replace: e.replace })) });
        break;
      }
      case 'create_file': {
        const { path, content } = a as z.infer<(typeof schemas)['create_file']>;
        const placeholder = content.split(/\r?\n/).find((l) => isElisionLine(l, true));
        if (placeholder !== undefined) {
          problems.push(`${where}: the content for ${path} contains the placeholder "${placeholder.trim()}", so it is not a whole file; use edit_file instead.`);
          return;
        }
        // The tool is for new files (toolDefs.ts): an existing file there is refused, never replaced.
        changes.push({ kind: 'create', path, content, newFile: true });
        break;
      }
      case 'delete_file':
        changes.push({ kind: 'delete', path: (a as { path: string }).path });
        break;
      case 'rename_file': {
        const { from, to } = a as z.infer<(typeof schemas)['rename_file']>;
        changes.push({ kind: 'rename', from, to });
        break;
      }
    }
  });
  return { changes, problems };
}
