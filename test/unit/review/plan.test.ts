import * as assert from 'assert';
import * as edits from '../../../src/core/edits';
import type { ProposedChange } from '../../../src/core/edits/types';
import { planChanges, type FileBase } from '../../../src/core/review/plan';

/** Bases keyed by the requested path; `null` means the file does not exist, a string starting with "!" is a refusal. */
function bases(files: Record<string, string | null>): Map<string, FileBase> {
  return new Map(
    Object.entries(files).map(([path, text]): [string, FileBase] => {
      const key = `/ws/${path}`;
      if (typeof text === 'string' && text.startsWith('!')) return [path, { key, path, error: text.slice(1) }];
      return [path, { key, path, exists: text !== null, text: text ?? '' }];
    }),
  );
}

async function plan(changes: ProposedChange[], files: Record<string, string | null>) {
  return planChanges(changes, bases(files), edits);
}

describe('planChanges', () => {
  it('gives each file a status and its proposal-time and proposed texts', async () => {
    const planned = await plan(
      [
        { kind: 'edit', path: 'a.ts', edits: [{ search: 'one', replace: 'two' }] },
        { kind: 'create', path: 'b.ts', content: 'new\n' },
        { kind: 'delete', path: 'c.ts' },
        { kind: 'rename', from: 'd.ts', to: 'e.ts' },
      ],
      { 'a.ts': 'one\n', 'b.ts': null, 'c.ts': 'gone\n', 'd.ts': 'moved\n', 'e.ts': null },
    );
    assert.deepStrictEqual(
      planned.map((p) => [p.path, p.status, p.baseText, p.proposedText]),
      [
        ['a.ts', 'modified', 'one\n', 'two\n'],
        ['b.ts', 'created', '', 'new\n'],
        ['c.ts', 'deleted', 'gone\n', ''],
        ['e.ts', 'renamed', 'moved\n', 'moved\n'],
      ],
    );
    assert.strictEqual(planned[3]?.fromPath, 'd.ts');
  });

  it('folds several changes to one file in order', async () => {
    const [only] = await plan(
      [
        { kind: 'edit', path: 'a.ts', edits: [{ search: 'one', replace: 'two' }] },
        { kind: 'edit', path: 'a.ts', edits: [{ search: 'two', replace: 'three' }] },
      ],
      { 'a.ts': 'one\n' },
    );
    assert.strictEqual(only?.proposedText, 'three\n');
    assert.strictEqual(only?.changes.length, 2);
  });

  it('fails a file whose block does not place, keeping the failures and naming the file', async () => {
    const [only] = await plan([{ kind: 'edit', path: 'a.ts', edits: [{ search: 'absent text', replace: 'x' }] }], { 'a.ts': 'one\n' });
    assert.strictEqual(only?.status, 'failed');
    assert.strictEqual(only?.failures?.length, 1);
    assert.match(only?.reason ?? '', /did not apply to a\.ts: Block 1: the search text/);
    assert.strictEqual(only?.failures?.[0]?.message.match(/block 1/gi)?.length, 1, 'the block is named once');
    assert.ok(!(only?.reason ?? '').match(/block 1:.*block 1:/i), 'the reason names the block once');
    assert.strictEqual(only?.proposedText, 'one\n', 'nothing partial is proposed');
  });

  it('explains impossible operations', async () => {
    const planned = await plan(
      [
        { kind: 'edit', path: 'missing.ts', edits: [{ search: 'a', replace: 'b' }] },
        { kind: 'delete', path: 'missing2.ts' },
        { kind: 'rename', from: 'src.ts', to: 'taken.ts' },
        { kind: 'create', path: 'tmp.ts', content: 'x' },
        { kind: 'delete', path: 'tmp.ts' },
        { kind: 'edit', path: 'refused.ts', edits: [{ search: 'a', replace: 'b' }] },
      ],
      { 'missing.ts': null, 'missing2.ts': null, 'src.ts': 's', 'taken.ts': 't', 'tmp.ts': null, 'refused.ts': '!refused.ts is outside the workspace' },
    );
    const reasons = Object.fromEntries(planned.map((p) => [p.path, [p.status, p.reason]]));
    assert.deepStrictEqual(reasons, {
      'missing.ts': ['failed', 'cannot edit missing.ts: it does not exist (to create it, give the whole file, or a block with an empty search).'],
      'missing2.ts': ['failed', 'cannot delete missing2.ts: it does not exist.'],
      'taken.ts': ['failed', 'cannot rename src.ts to taken.ts: taken.ts already exists.'],
      'tmp.ts': ['failed', 'the proposal creates tmp.ts and deletes it again; nothing to do.'],
      'refused.ts': ['failed', 'refused.ts is outside the workspace'],
    });
  });

  it('refuses to combine a rename with other changes to the same files', async () => {
    const planned = await plan(
      [
        { kind: 'rename', from: 'a.ts', to: 'b.ts' },
        { kind: 'edit', path: 'a.ts', edits: [{ search: 'x', replace: 'y' }] },
      ],
      { 'a.ts': 'x\n', 'b.ts': null },
    );
    const renamed = planned.find((p) => p.path === 'b.ts');
    assert.strictEqual(renamed?.status, 'failed');
    assert.match(renamed?.reason ?? '', /renames a\.ts to b\.ts and also changes one of them/);
  });

  it('renames a file and edits it under its new name, as a git rename diff with hunks does', async () => {
    const diff = ['```diff', 'diff --git a/a.ts b/b.ts', 'similarity index 80%', 'rename from a.ts', 'rename to b.ts', '--- a/a.ts', '+++ b/b.ts', '@@ -1,2 +1,2 @@', '-x', '+y', ' z', '```'].join('\n');
    const planned = await plan(edits.parseAnswer(diff).changes, { 'a.ts': 'x\nz\n', 'b.ts': null });
    assert.deepStrictEqual(
      planned.map((p) => [p.path, p.fromPath, p.status, p.baseText, p.proposedText, p.changes.map((c) => c.kind)]),
      [['b.ts', 'a.ts', 'renamed', 'x\nz\n', 'y\nz\n', ['rename', 'patch']]],
    );
  });

  it('refuses a rename whose edit under the new name does not place, naming the failure', async () => {
    const [renamed] = await plan(
      [
        { kind: 'rename', from: 'a.ts', to: 'b.ts' },
        { kind: 'edit', path: 'b.ts', edits: [{ search: 'absent', replace: 'y' }] },
      ],
      { 'a.ts': 'x\n', 'b.ts': null },
    );
    assert.strictEqual(renamed?.status, 'failed');
    assert.match(renamed?.reason ?? '', /did not apply to b\.ts: Block 1: the search text/);
  });

  it('refuses to edit the new name before the rename, or to rename a file to itself', async () => {
    const [early] = await plan(
      [
        { kind: 'edit', path: 'b.ts', edits: [{ search: 'x', replace: 'y' }] },
        { kind: 'rename', from: 'a.ts', to: 'b.ts' },
      ],
      { 'a.ts': 'x\n', 'b.ts': null },
    );
    assert.strictEqual(early?.status, 'failed');
    const [self] = await plan([{ kind: 'rename', from: 'a.ts', to: 'a.ts' }], { 'a.ts': 'x\n' });
    assert.strictEqual(self?.status, 'failed');
    assert.strictEqual(self?.reason, 'the proposal renames a.ts to itself.');
  });

  it('creates a new file from a /dev/null diff and refuses it, naming the path, when the file exists', async () => {
    const diff = ['```diff', '--- /dev/null', '+++ b/n.ts', '@@ -0,0 +1 @@', '+hello', '```'].join('\n');
    const { changes } = edits.parseAnswer(diff);
    const [created] = await plan(changes, { 'n.ts': null });
    assert.strictEqual(created?.status, 'created');
    assert.strictEqual(created?.proposedText, 'hello\n');
    const [exists] = await plan(changes, { 'n.ts': 'old\n' });
    assert.strictEqual(exists?.status, 'failed');
    assert.match(exists?.reason ?? '', /^the proposal creates n\.ts as a new file, but it already exists; it was not replaced/);
    assert.strictEqual(exists?.proposedText, 'old\n', 'the existing text is kept');
  });

  it('refuses create_file over an existing file, and says it already has that text when it does', async () => {
    const create = (content: string) => edits.changesFromToolCalls([{ name: 'create_file', arguments: { path: 'cfg.json', content } }]).changes;
    const [over] = await plan(create('{ "a": 2 }\n'), { 'cfg.json': '{ "a": 1 }\n' });
    assert.strictEqual(over?.status, 'failed');
    assert.match(over?.reason ?? '', /creates cfg\.json as a new file, but it already exists; it was not replaced.*edit_file/);
    const [same] = await plan(create('{ "a": 1 }\n'), { 'cfg.json': '{ "a": 1 }\n' });
    assert.strictEqual(same?.status, 'failed');
    assert.match(same?.reason ?? '', /already exists with exactly this text/);
  });

  it('plans a new-file text that only adds lines to the existing file as those additions, keeping its CRLF lines', async () => {
    const gitignore = 'node_modules/\r\n.env   \r\n';
    const [added] = await plan([{ kind: 'create', path: '.gitignore', content: 'node_modules/\ndist/\n.env\ncoverage/\n', newFile: true }], { '.gitignore': gitignore });
    assert.strictEqual(added?.status, 'modified');
    assert.strictEqual(added?.proposedText, 'node_modules/\r\ndist/\r\n.env   \r\ncoverage/\r\n');
    assert.deepStrictEqual(edits.diffStats(gitignore, added?.proposedText ?? ''), { added: 2, removed: 0 });
  });

  it('writes a new-file text into an existing empty file', async () => {
    const [filled] = await plan([{ kind: 'create', path: 'pkg/__init__.py', content: 'from .core import run\n', newFile: true }], { 'pkg/__init__.py': '' });
    assert.deepStrictEqual([filled?.status, filled?.proposedText], ['modified', 'from .core import run\n']);
  });

  it('lets a whole-file body without the new-file mark replace an existing file, shown as modified with its line endings', async () => {
    const [replaced] = await plan([{ kind: 'create', path: 'n.ts', content: 'new\n' }], { 'n.ts': 'old\n' });
    assert.strictEqual(replaced?.status, 'modified');
    assert.strictEqual(replaced?.proposedText, 'new\n');
    const [crlf] = await plan([{ kind: 'create', path: 'w.ts', content: 'a\nb\n' }], { 'w.ts': '\uFEFFa\r\nc\r\n' });
    assert.deepStrictEqual([crlf?.status, crlf?.proposedText], ['modified', '\uFEFFa\r\nb\r\n']);
  });

  it('creates a missing file from a block with an empty search, and refuses one with text to find', async () => {
    const [created] = await plan([{ kind: 'edit', path: 'docs/NOTES.md', edits: [{ search: '', replace: '# Notes\n' }, { search: '# Notes\n', replace: '# Notes\n\nFirst.\n' }] }], { 'docs/NOTES.md': null });
    assert.deepStrictEqual([created?.status, created?.proposedText], ['created', '# Notes\n\nFirst.\n']);
    const [missing] = await plan([{ kind: 'edit', path: 'gone.md', edits: [{ search: 'x', replace: 'y' }] }], { 'gone.md': null });
    assert.match(missing?.reason ?? '', /cannot edit gone\.md: it does not exist/);
  });

  it('fills an existing empty file from an empty search, and refuses one on a file with text as ambiguous', async () => {
    const [filled] = await plan([{ kind: 'edit', path: 'e.txt', edits: [{ search: '', replace: 'hello\n' }] }], { 'e.txt': '' });
    assert.deepStrictEqual([filled?.status, filled?.proposedText], ['modified', 'hello\n']);
    const [refused] = await plan([{ kind: 'edit', path: 'f.txt', edits: [{ search: '\n', replace: 'hello\n' }] }], { 'f.txt': 'already here\n' });
    assert.strictEqual(refused?.status, 'failed');
    assert.strictEqual(refused?.failures?.[0]?.reason, 'ambiguous');
    assert.match(refused?.reason ?? '', /search text is empty but the file is not.*quote the lines to replace/);
  });

  it('deletes and then creates a new file at the same path', async () => {
    const [recreated] = await plan(
      [
        { kind: 'delete', path: 'n.ts' },
        { kind: 'create', path: 'n.ts', content: 'fresh\n', newFile: true },
      ],
      { 'n.ts': 'old\n' },
    );
    assert.strictEqual(recreated?.status, 'modified');
    assert.strictEqual(recreated?.proposedText, 'fresh\n');
  });

  it('yields between changes so a large proposal does not hold the host', async () => {
    let pauses = 0;
    await planChanges(
      [
        { kind: 'create', path: 'a', content: '1' },
        { kind: 'create', path: 'b', content: '2' },
        { kind: 'create', path: 'c', content: '3' },
      ],
      bases({ a: null, b: null, c: null }),
      edits,
      async () => {
        pauses++;
      },
    );
    assert.strictEqual(pauses, 3);
  });
});
