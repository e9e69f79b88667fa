import * as assert from 'assert';
import { changesFromToolCalls, EDIT_TOOLS, READ_TOOLS } from '../../../src/core/edits';

describe('changesFromToolCalls', () => {
  it('maps each edit tool to its change, create_file marked as a new file', () => {
    const { changes, problems } = changesFromToolCalls([
      { name: 'edit_file', arguments: JSON.stringify({ path: 'a.ts', edits: [{ search: 'x', replace: 'y' }] }) },
      { name: 'create_file', arguments: JSON.stringify({ path: 'b.ts', content: 'b\n' }) },
      { name: 'delete_file', arguments: '{"path":"c.ts"}' },
      { name: 'rename_file', arguments: '{"from":"d.ts","to":"e.ts"}' },
    ]);
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual(changes, [
      { kind: 'edit', path: 'a.ts', edits: [{ search: 'x', replace: 'y' }] },
      { kind: 'create', path: 'b.ts', content: 'b\n', newFile: true },
      { kind: 'delete', path: 'c.ts' },
      { kind: 'rename', from: 'd.ts', to: 'e.ts' },
    ]);
  });

  it('names the tool for bad JSON, missing fields and unknown tools', () => {
    const { changes, problems } = changesFromToolCalls([
      { name: 'edit_file', arguments: '{"path": "a.ts", "edits": [' },
      { name: 'create_file', arguments: '{"path":"b.ts"}' },
      { name: 'rename_file', arguments: '{"from":"a"}' },
      { name: 'launch_missiles', arguments: '{}' },
    ]);
    assert.deepStrictEqual(changes, []);
    assert.match(problems[0], /Tool call 1 \(edit_file\): arguments are not valid JSON/);
    assert.match(problems[1], /Tool call 2 \(create_file\): content/);
    assert.match(problems[2], /Tool call 3 \(rename_file\): to/);
    assert.match(problems[3], /launch_missiles.*not an edit tool/);
  });

  it('refuses create_file content that elides code', () => {
    const { changes, problems } = changesFromToolCalls([{ name: 'create_file', arguments: JSON.stringify({ path: 'a.py', content: 'import os\n# ... rest of file unchanged ...\n' }) }]);
    assert.deepStrictEqual(changes, []);
    assert.match(problems[0], /placeholder/);
  });

  it('offers JSON-schema tool definitions with the documented names and required fields', () => {
    const byName = new Map([...EDIT_TOOLS, ...READ_TOOLS].map((t) => [t.function.name, t.function.parameters]));
    assert.deepStrictEqual([...byName.keys()], ['edit_file', 'create_file', 'delete_file', 'rename_file', 'read_file', 'list_files', 'search_text']);
    assert.deepStrictEqual(byName.get('edit_file')?.required, ['path', 'edits']);
    assert.deepStrictEqual(byName.get('read_file')?.required, ['path']);
    assert.deepStrictEqual(byName.get('search_text')?.required, ['query']);
    for (const t of [...EDIT_TOOLS, ...READ_TOOLS]) assert.match(t.function.name, /^[a-zA-Z_][a-zA-Z0-9_-]{0,63}$/);
  });
});
