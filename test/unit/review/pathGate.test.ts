import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { PathRule } from '../../../src/core/edits/paths';
import { PathGate, type GateFs, type GatePass } from '../../../src/core/review/pathGate';
import { nodeFiles } from '../../bench/corpus';
import { FakeFs } from './fakeFs';

async function passes(gate: PathGate, requested: string): Promise<GatePass> {
  const r = await gate.check(requested);
  assert.ok(r.ok, `${requested} was refused: ${r.ok ? '' : r.message}`);
  return r;
}

async function refusal(gate: PathGate, requested: string): Promise<{ rule: PathRule; message: string }> {
  const r = await gate.check(requested);
  assert.ok(!r.ok, `${requested} passed the gate`);
  assert.ok(r.message.startsWith(`Refused ${JSON.stringify(requested)} (${r.rule}): `), r.message);
  return r;
}

describe('PathGate over a fake file system: the real location decides', () => {
  const disk = () =>
    new FakeFs({
      '/ws/src/a.ts': 'a\n',
      '/ws/.git/config': '[core]\n',
      '/ws/.git/hooks/pre-commit': '#!/bin/sh\n',
      '/ws/link-git': { link: '.git' },
      '/ws/hooks': { link: '/ws/.git/hooks' },
      '/ws/out': { link: '/elsewhere' },
      '/ws/secret.txt': { link: '../elsewhere/secret.txt' },
      '/elsewhere/secret.txt': 'secret\n',
      '/ws/lib': { link: 'src' },
      '/ws/dangling.ts': { link: '/nowhere/x.ts' },
      '/ws/dangling-dir': { link: 'gone' },
      '/ws/loop': { link: 'loop' },
      '/ws/pipe': 'fifo',
      '/ws/shared.ts': { file: 'x', links: 2 },
      '/ws/locked': { fails: 'EACCES' },
      '/ws/other-root-link': { link: '/ws2/pkg' },
      '/ws2/pkg/index.ts': 'b\n',
    });

  it('passes plain files, new files and links that stay inside, and gives each its real location', async () => {
    const gate = new PathGate(['/ws', '/ws2'], disk(), path.posix);
    assert.deepStrictEqual(await passes(gate, 'src/a.ts'), { ok: true, root: '/ws', absolute: '/ws/src/a.ts', location: { canonical: '/ws/src/a.ts', trail: 'df' }, entry: { kind: 'file', size: 2 } });
    assert.deepStrictEqual(await passes(gate, 'src/new/b.ts'), { ok: true, root: '/ws', absolute: '/ws/src/new/b.ts', location: { canonical: '/ws/src/new/b.ts', trail: 'd' } });
    const viaLink = await passes(gate, 'lib/a.ts');
    assert.deepStrictEqual([viaLink.location, viaLink.entry?.kind], [{ canonical: '/ws/src/a.ts', trail: 'lf' }, 'file']);
    const otherRoot = await passes(gate, 'other-root-link/index.ts');
    assert.deepStrictEqual([otherRoot.root, otherRoot.location.canonical], ['/ws2', '/ws2/pkg/index.ts']);
  });

  it('refuses what resolves into .git or out of the workspace, saying where it leads', async () => {
    const gate = new PathGate(['/ws'], disk(), path.posix);
    for (const p of ['link-git/config', 'link-git/hooks/pre-commit', 'LINK-GIT/../link-git/config', 'hooks/pre-commit', 'link-git']) {
      const r = await refusal(gate, p);
      assert.strictEqual(r.rule, 'git', p);
      assert.match(r.message, /resolves through a symbolic link to ws\/\.git/, p);
    }
    for (const [p, target] of [['out/x.ts', '/elsewhere/x.ts'], ['secret.txt', '/elsewhere/secret.txt']] as const) {
      const r = await refusal(gate, p);
      assert.strictEqual(r.rule, 'symlink-outside', p);
      assert.ok(r.message.includes(`to ${target}, outside the workspace`), r.message);
    }
  });

  it('refuses dangling links, loops, special files, hard links, unreadable parts and vanished folders, one path at a time', async () => {
    const gate = new PathGate(['/ws'], disk(), path.posix);
    const rules: Array<[string, PathRule, RegExp]> = [
      ['dangling.ts', 'dangling-symlink', /dangling\.ts is a symbolic link to something that does not exist/],
      ['dangling-dir/x.ts', 'dangling-symlink', /dangling-dir is a symbolic link/],
      ['loop/x.ts', 'unreadable', /the symbolic link loop cannot be followed: ELOOP/],
      ['pipe', 'not-a-file', /device, socket or pipe/],
      ['shared.ts', 'hard-link', /2 hard links/],
      ['locked/a.ts', 'unreadable', /locked cannot be looked at: EACCES/],
      ['src/a.ts/b.ts', 'not-a-folder', /src\/a\.ts is a file, so nothing can be inside it/],
    ];
    for (const [p, rule, message] of rules) {
      const r = await refusal(gate, p);
      assert.strictEqual(r.rule, rule, `${p}: ${r.message}`);
      assert.match(r.message, message);
    }
    const vanished = await refusal(new PathGate(['/gone-folder'], disk(), path.posix), 'a.ts');
    assert.strictEqual(vanished.rule, 'vanished-folder');
  });

  it('keeps the workspace folder\'s own spelling when the folder itself is reached through a link', async () => {
    const files = new FakeFs({ '/home/me/project': { link: '/data/project' }, '/data/project/src/a.ts': 'a\n' });
    const gate = new PathGate(['/home/me/project'], files, path.posix);
    assert.strictEqual((await passes(gate, 'src/a.ts')).location.canonical, '/home/me/project/src/a.ts');
  });

  describe('the second look at apply', () => {
    it('passes a location that did not change, a file that appeared as a plain file, and one that vanished', async () => {
      const files = disk();
      const gate = new PathGate(['/ws'], files, path.posix);
      const seen = (await passes(gate, 'src/a.ts')).location;
      assert.strictEqual(await gate.recheck('src/a.ts', seen), undefined);
      const create = (await passes(gate, 'src/new.ts')).location;
      files.set('/ws/src/new.ts', 'someone else\n');
      assert.strictEqual(await gate.recheck('src/new.ts', create), undefined, 'created since: the apply reports it, it is not a new place');
      files.remove('/ws/src/a.ts');
      assert.strictEqual(await gate.recheck('src/a.ts', seen), undefined);
    });

    it('refuses a folder swapped for a link to outside, or to elsewhere inside', async () => {
      const files = disk();
      const gate = new PathGate(['/ws'], files, path.posix);
      const seen = (await passes(gate, 'src/a.ts')).location;
      files.remove('/ws/src');
      files.set('/ws/src', { link: '/elsewhere' });
      files.set('/elsewhere/a.ts', 'a\n');
      const outside = await gate.recheck('src/a.ts', seen);
      assert.strictEqual(outside?.rule, 'symlink-outside');
      assert.match(outside?.message ?? '', /^Refused "src\/a\.ts" \(symlink-outside\): .*\/elsewhere\/a\.ts, outside the workspace\. It changed since the review; nothing was written to it\.$/);
      files.set('/ws/src', { link: 'lib2' });
      files.set('/ws/lib2/a.ts', 'a\n');
      const inside = await gate.recheck('src/a.ts', seen);
      assert.strictEqual(inside?.rule, 'location-changed');
      assert.match(inside?.message ?? '', /src is now a symbolic link; at review it was a folder\./);
    });

    it('refuses a file swapped for a link, even to a file with the same text inside the workspace', async () => {
      const files = disk();
      const gate = new PathGate(['/ws'], files, path.posix);
      const seen = (await passes(gate, 'src/a.ts')).location;
      files.set('/ws/copy.ts', 'a\n');
      files.set('/ws/src/a.ts', { link: '/ws/copy.ts' });
      const r = await gate.recheck('src/a.ts', seen);
      assert.strictEqual(r?.rule, 'location-changed');
      assert.match(r?.message ?? '', /src\/a\.ts is now a symbolic link; at review it was a file\./);
    });

    it('refuses a new folder that appears as a link where the review saw nothing, never following it', async () => {
      const files = disk();
      const gate = new PathGate(['/ws'], files, path.posix);
      const seen = (await passes(gate, 'fresh/dir/x.ts')).location;
      files.set('/ws/inside-target/keep', 'k');
      files.set('/ws/fresh', { link: 'inside-target' });
      const r = await gate.recheck('fresh/dir/x.ts', seen);
      assert.strictEqual(r?.rule, 'location-changed');
      assert.match(r?.message ?? '', /fresh is now a symbolic link; at review it was not there\./);
    });
  });
});

describe('PathGate on a real disk (temporary folders and symbolic links)', () => {
  let tmp: string;
  let ws: string;
  let gate: PathGate;
  const files: GateFs = nodeFiles;

  before(() => {
    tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'path-gate-')));
    ws = path.join(tmp, 'ws');
    fs.mkdirSync(path.join(ws, '.git', 'hooks'), { recursive: true });
    fs.mkdirSync(path.join(ws, 'src'));
    fs.mkdirSync(path.join(tmp, 'outside'));
    fs.writeFileSync(path.join(ws, '.git', 'config'), '[core]\n');
    fs.writeFileSync(path.join(ws, 'src', 'a.ts'), 'a\n');
    fs.writeFileSync(path.join(tmp, 'outside', 'secret.txt'), 'secret\n');
    fs.symlinkSync('.git', path.join(ws, 'link-git'));
    fs.symlinkSync(path.join(tmp, 'outside'), path.join(ws, 'out'));
    fs.symlinkSync(path.join(tmp, 'outside', 'nothing.txt'), path.join(ws, 'dangling.txt'));
    fs.symlinkSync('src', path.join(ws, 'lib'));
    fs.linkSync(path.join(tmp, 'outside', 'secret.txt'), path.join(ws, 'hard.txt'));
    gate = new PathGate([ws], files);
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('passes files inside and follows inside links to the real file', async () => {
    assert.strictEqual((await passes(gate, 'src/a.ts')).location.canonical, path.join(ws, 'src', 'a.ts'));
    assert.strictEqual((await passes(gate, 'lib/a.ts')).location.canonical, path.join(ws, 'src', 'a.ts'));
    assert.strictEqual((await passes(gate, 'src/new.ts')).entry, undefined);
  });

  it('refuses .git through a link, links out, dangling links and hard links', async () => {
    assert.strictEqual((await refusal(gate, 'link-git/config')).rule, 'git');
    assert.strictEqual((await refusal(gate, 'link-git/hooks/pre-commit')).rule, 'git');
    assert.strictEqual((await refusal(gate, 'out/secret.txt')).rule, 'symlink-outside');
    assert.strictEqual((await refusal(gate, 'out/new.txt')).rule, 'symlink-outside');
    assert.strictEqual((await refusal(gate, 'dangling.txt')).rule, 'dangling-symlink');
    assert.strictEqual((await refusal(gate, 'hard.txt')).rule, 'hard-link');
  });

  it('refuses at apply a folder and a file swapped for links after the review', async () => {
    fs.mkdirSync(path.join(ws, 'swap'));
    fs.writeFileSync(path.join(ws, 'swap', 'x.ts'), 'x\n');
    fs.writeFileSync(path.join(ws, 'same.ts'), 'secret\n');
    const folder = (await passes(gate, 'swap/x.ts')).location;
    const file = (await passes(gate, 'same.ts')).location;
    fs.rmSync(path.join(ws, 'swap'), { recursive: true });
    fs.symlinkSync(path.join(tmp, 'outside'), path.join(ws, 'swap'));
    fs.rmSync(path.join(ws, 'same.ts'));
    fs.writeFileSync(path.join(ws, 'copy.ts'), 'secret\n');
    fs.symlinkSync('copy.ts', path.join(ws, 'same.ts'));
    assert.strictEqual((await gate.recheck('swap/x.ts', folder))?.rule, 'symlink-outside');
    assert.strictEqual((await gate.recheck('same.ts', file))?.rule, 'location-changed');
  });
});
