/** OpenAI-style tool definitions the model is offered for reading and editing the workspace. */
import type { ToolDefinition } from '../provider/types';

const str = (description: string) => ({ type: 'string', description });

function tool(name: string, description: string, properties: Record<string, unknown>, required: string[]): ToolDefinition {
  return { type: 'function', function: { name, description, parameters: { type: 'object', properties, required, additionalProperties: false } } };
}

export const EDIT_TOOLS: readonly ToolDefinition[] = [
  tool(
    'edit_file',
    'Change an existing file. Each edit replaces one exact passage: copy `search` verbatim from the current file (without line numbers), with enough surrounding lines to occur exactly once. Edits apply in order.',
    {
      path: str('Workspace-relative path of the file.'),
      edits: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          properties: { search: str('Exact current text to replace, as it is in the file (no line numbers or hints).'), replace: str('Text to put in its place.') },
          required: ['search', 'replace'],
          additionalProperties: false,
        },
      },
    },
    ['path', 'edits'],
  ),
  tool(
    'create_file',
    'Create a new file with the complete content given (no placeholders). Only for a path that does not exist yet: an existing file is never overwritten; change it with edit_file.',
    { path: str('Workspace-relative path of a file that does not exist yet.'), content: str('The whole file.') },
    ['path', 'content'],
  ),
  tool('delete_file', 'Delete a file.', { path: str('Workspace-relative path.') }, ['path']),
  tool('rename_file', 'Rename or move a file.', { from: str('Current workspace-relative path.'), to: str('New workspace-relative path.') }, ['from', 'to']),
];

export const READ_TOOLS: readonly ToolDefinition[] = [
  tool(
    'read_file',
    'Read a file, optionally only some lines (1-based, inclusive).',
    { path: str('Workspace-relative path.'), startLine: { type: 'integer', minimum: 1 }, endLine: { type: 'integer', minimum: 1 } },
    ['path'],
  ),
  tool('list_files', 'List workspace files, optionally filtered by a glob such as "src/**/*.ts".', { glob: str('Glob pattern.') }, []),
  tool('search_text', 'Search workspace files for text; returns matching lines with paths and line numbers.', { query: str('Text to find.'), glob: str('Limit to files matching this glob.') }, ['query']),
];
