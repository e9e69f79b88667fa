import * as assert from 'assert';
import * as path from 'path';
import * as edits from '../../../src/core/edits';
import { PathGate } from '../../../src/core/review/pathGate';
import { MAX_FILE_BYTES } from '../../../src/core/review/pathRules';
import { readBase, readCurrent } from '../../../src/core/review/readBase';
import { FakeFs } from './fakeFs';

const ROOT = '/ws';

function read(requested: string, files: FakeFs, roots = [ROOT]) {
  return readBase(requested, new PathGate(roots, files, path.posix), edits, files);
}

describe('readBase: the read gate shared by the review and the benchmark', () => {
  it('reads an existing file, a missing one, and prefers an open editor over the disk', async () => {
    const files = new FakeFs({ '/ws/a.ts': 'disk\n', '/ws/b.ts': 'disk b\n' }, { '/ws/b.ts': 'unsaved b\n' });
    assert.deepStrictEqual(await read('a.ts', files), { key: '/ws/a.ts', path: 'a.ts', exists: true, text: 'disk\n', location: { canonical: '/ws/a.ts', trail: 'f' } });
    assert.deepStrictEqual(await read('new.ts', files), { key: '/ws/new.ts', path: 'new.ts', exists: false, text: '', location: { canonical: '/ws/new.ts', trail: '' } });
    assert.deepStrictEqual(await read('b.ts', files), { key: '/ws/b.ts', path: 'b.ts', exists: true, text: 'unsaved b\n', location: { canonical: '/ws/b.ts', trail: 'f' } });
    assert.deepStrictEqual(files.reads, ['/ws/a.ts'], 'the open editor was not read from disk');
  });

  it('keys a file by its real location, so two spellings of one file are one file', async () => {
    const files = new FakeFs({ '/ws/src/a.ts': 'a\n', '/ws/lib': { link: 'src' } });
    const [direct, linked] = [await read('src/a.ts', files), await read('lib/a.ts', files)];
    assert.strictEqual(direct.key, '/ws/src/a.ts');
    assert.strictEqual(linked.key, '/ws/src/a.ts');
  });

  it('refuses, naming the path, what the review must not touch', async () => {
    const files = new FakeFs({ '/ws/dir/x': 'x', '/ws/big.json': { file: '', size: MAX_FILE_BYTES + 1 }, '/ws/logo.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1]), '/ws/link-git': { link: '.git' }, '/ws/.git/config': '' });
    const refusal = async (requested: string, roots = [ROOT]) => {
      const base = await read(requested, files, roots);
      assert.ok('error' in base, `${requested} was not refused`);
      return base.error;
    };
    assert.match(await refusal('a.ts', []), /^Refused "a\.ts" \(no-workspace\): no local workspace folder is open\.$/);
    assert.match(await refusal('.git/config'), /^Refused "\.git\/config" \(git\): it is inside \.git/);
    assert.match(await refusal('link-git/config'), /^Refused "link-git\/config" \(git\): it resolves through a symbolic link to ws\/\.git\/config, inside \.git/);
    assert.match(await refusal('../outside.ts'), /^Refused "\.\.\/outside\.ts" \(traversal\): it leaves the workspace folder/);
    assert.match(await refusal('/etc/passwd'), /^Refused "\/etc\/passwd" \(outside-workspace\): it is outside the workspace/);
    assert.match(await refusal('file:///ws/a.ts'), /^Refused "file:\/\/\/ws\/a\.ts" \(uri-scheme\)/);
    assert.match(await refusal('dir'), /^dir is a directory, not a file\.$/);
    assert.match(await refusal('big.json'), /^big\.json is 4\.0 MB; files over 4\.0 MB/);
    assert.match(await refusal('logo.png'), /^logo\.png looks binary/);
  });

  it('reports a file that cannot be looked at or read with the reason, instead of throwing', async () => {
    const files = new FakeFs({ '/ws/locked': { fails: 'EACCES' }, '/ws/secret.ts': { file: 'x', readFails: 'EACCES' } });
    assert.deepStrictEqual(await read('locked/a.ts', files), { key: 'refused:locked/a.ts', path: 'locked/a.ts', error: 'Refused "locked/a.ts" (unreadable): locked cannot be looked at: EACCES: /ws/locked' });
    assert.deepStrictEqual(await read('secret.ts', files), { key: '/ws/secret.ts', path: 'secret.ts', error: 'cannot read secret.ts: EACCES: /ws/secret.ts' });
  });

  it('reads the current text at apply time, an open editor first, undefined once the file is gone', async () => {
    const files = new FakeFs({ '/ws/a.ts': 'disk\n', '/ws/b.ts': 'disk b\n' }, { '/ws/b.ts': 'unsaved b\n' });
    assert.strictEqual(await readCurrent('/ws/a.ts', files), 'disk\n');
    assert.strictEqual(await readCurrent('/ws/b.ts', files), 'unsaved b\n');
    assert.strictEqual(await readCurrent('/ws/gone.ts', files), undefined);
  });
});
