import * as assert from 'assert';
import { readClipboardImage, Runner } from '../../src/core/clipboardImage';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

/** A scripted stand-in for the OS tools: maps "command args" to a result. */
function fakeRunner(table: Record<string, { code?: number; out?: Buffer | string }>): { run: Runner; calls: string[] } {
  const calls: string[] = [];
  const run: Runner = async (command, args) => {
    const key = [command, ...args].join(' ');
    calls.push(key);
    const hit = table[key];
    if (!hit) return { code: 1, stdout: Buffer.alloc(0), stderr: 'not found' };
    const out = typeof hit.out === 'string' ? Buffer.from(hit.out) : (hit.out ?? Buffer.alloc(0));
    return { code: hit.code ?? 0, stdout: out, stderr: '' };
  };
  return { run, calls };
}

describe('readClipboardImage', () => {
  it('reads a PNG with xclip on X11 after checking the clipboard offers one', async () => {
    const { run, calls } = fakeRunner({
      'sh -c command -v xclip': { out: '/usr/bin/xclip' },
      'xclip -selection clipboard -t TARGETS -o': { out: 'TARGETS\nimage/png\n' },
      'xclip -selection clipboard -t image/png -o': { out: PNG },
    });
    const result = await readClipboardImage('linux', run, { DISPLAY: ':0' });
    assert.ok(result.ok);
    assert.deepStrictEqual(result.ok && result.bytes, PNG);
    assert.ok(calls.includes('xclip -selection clipboard -t TARGETS -o'));
  });

  it('prefers wl-paste on Wayland', async () => {
    const { run } = fakeRunner({
      'sh -c command -v wl-paste': { out: '/usr/bin/wl-paste' },
      'wl-paste --list-types': { out: 'text/plain\nimage/png\n' },
      'wl-paste --no-newline --type image/png': { out: PNG },
    });
    const result = await readClipboardImage('linux', run, { WAYLAND_DISPLAY: 'wayland-0' });
    assert.strictEqual(result.ok && result.via, 'wl-paste');
  });

  it('says there is no image when the clipboard holds only text', async () => {
    const { run } = fakeRunner({
      'sh -c command -v xclip': { out: '/usr/bin/xclip' },
      'xclip -selection clipboard -t TARGETS -o': { out: 'UTF8_STRING\n' },
    });
    const result = await readClipboardImage('linux', run, { DISPLAY: ':0' });
    assert.ok(!result.ok);
    assert.strictEqual(!result.ok && result.reason, 'no-image');
    assert.match(!result.ok ? result.message : '', /no image.*paste the screenshot into the Step Flash chat/s);
  });

  it('says what to install when no clipboard tool exists', async () => {
    const { run } = fakeRunner({});
    const result = await readClipboardImage('linux', run, {});
    assert.strictEqual(!result.ok && result.reason, 'no-tool');
    assert.match(!result.ok ? result.message : '', /wl-clipboard.*xclip/);
  });

  it('decodes the osascript hex form on macOS without pngpaste', async () => {
    const { run } = fakeRunner({ 'osascript -e the clipboard as «class PNGf»': { out: `«data PNGf${PNG.toString('hex').toUpperCase()}»\n` } });
    const result = await readClipboardImage('darwin', run, {});
    assert.deepStrictEqual(result.ok && result.bytes, PNG);
  });

  it('decodes PowerShell base64 on Windows', async () => {
    const calls: string[] = [];
    const run: Runner = async (command) => {
      calls.push(command);
      return { code: 0, stdout: Buffer.from(PNG.toString('base64') + '\r\n'), stderr: '' };
    };
    const result = await readClipboardImage('win32', run, {});
    assert.deepStrictEqual(result.ok && result.bytes, PNG);
    assert.deepStrictEqual(calls, ['powershell.exe']);
  });
});
