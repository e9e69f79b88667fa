import * as assert from 'assert';
import * as edits from '../../../src/core/edits';
import { MAX_FILE_BYTES } from '../../../src/core/review/pathRules';
import { readBase, readCurrent, type FileAccess } from '../../../src/core/review/readBase';

const ROOT = '/ws';

/** A workspace: disk files (text or bytes), directories, and editors open on some paths. */
function workspace(disk: Record<string, string | Uint8Array | 'dir' | { size: number }>, editors: Record<string, string> = {}): FileAccess & { reads: string[] } {
  const reads: string[] = [];
  const at = (absolute: string) => disk[absolute.slice(ROOT.length + 1)];
  return {
    reads,
    openText: (absolute) => editors[absolute.slice(ROOT.length + 1)],
    async stat(absolute) {
      const entry = at(absolute);
      if (entry === undefined) return undefined;
      if (entry === 'dir') return { directory: true, size: 0 };
      if (typeof entry === 'string') return { directory: false, size: entry.length };
      return { directory: false, size: entry instanceof Uint8Array ? entry.length : entry.size };
    },
    async readBytes(absolute) {
      const entry = at(absolute);
      return entry instanceof Uint8Array ? entry : new TextEncoder().encode(String(entry));
    },
    async readText(absolute) {
      reads.push(absolute);
      return String(at(absolute));
    },
  };
}

describe('readBase: the read gate shared by the review and the benchmark', () => {
  it('reads an existing file, a missing one, and prefers an open editor over the disk', async () => {
    const files = workspace({ 'a.ts': 'disk\n', 'b.ts': 'disk b\n' }, { 'b.ts': 'unsaved b\n' });
    assert.deepStrictEqual(await readBase('a.ts', [ROOT], edits, files), { key: '/ws/a.ts', path: 'a.ts', exists: true, text: 'disk\n' });
    assert.deepStrictEqual(await readBase('new.ts', [ROOT], edits, files), { key: '/ws/new.ts', path: 'new.ts', exists: false, text: '' });
    assert.deepStrictEqual(await readBase('b.ts', [ROOT], edits, files), { key: '/ws/b.ts', path: 'b.ts', exists: true, text: 'unsaved b\n' });
    assert.deepStrictEqual(files.reads, ['/ws/a.ts'], 'the open editor was not read from disk');
  });

  it('refuses, naming the path, what the review must not touch', async () => {
    const files = workspace({ dir: 'dir', 'big.json': { size: MAX_FILE_BYTES + 1 }, 'logo.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1]) });
    const refusal = async (requested: string, roots = [ROOT]) => {
      const base = await readBase(requested, roots, edits, files);
      assert.ok('error' in base, `${requested} was not refused`);
      return base.error;
    };
    assert.match(await refusal('a.ts', []), /cannot change a\.ts: no local workspace folder is open/);
    assert.match(await refusal('.git/config'), /\.git\/config is inside \.git/);
    assert.match(await refusal('../outside.ts'), /"\.\.\/outside\.ts" leaves the workspace folder/);
    assert.match(await refusal('/etc/passwd'), /"\/etc\/passwd" is outside the workspace/);
    assert.match(await refusal('dir'), /^dir is a directory, not a file\.$/);
    assert.match(await refusal('big.json'), /^big\.json is 4\.0 MB; files over 4\.0 MB/);
    assert.match(await refusal('logo.png'), /^logo\.png looks binary/);
  });

  it('reports a file that cannot be read with the reason, instead of throwing', async () => {
    const files: FileAccess = { ...workspace({}), stat: async () => Promise.reject(new Error('permission denied')) };
    assert.deepStrictEqual(await readBase('locked.ts', [ROOT], edits, files), { key: '/ws/locked.ts', path: 'locked.ts', error: 'cannot read locked.ts: permission denied' });
  });

  it('reads the current text at apply time, an open editor first, undefined once the file is gone', async () => {
    const files = workspace({ 'a.ts': 'disk\n', 'b.ts': 'disk b\n' }, { 'b.ts': 'unsaved b\n' });
    assert.strictEqual(await readCurrent('/ws/a.ts', files), 'disk\n');
    assert.strictEqual(await readCurrent('/ws/b.ts', files), 'unsaved b\n');
    assert.strictEqual(await readCurrent('/ws/gone.ts', files), undefined);
  });
});
