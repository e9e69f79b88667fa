/**
 * Reads an image from the OS clipboard. VS Code's clipboard API carries only
 * text, so we ask the platform's own tool: wl-paste (Wayland) or xclip (X11)
 * on Linux, pngpaste or osascript on macOS, PowerShell on Windows. Every way
 * this can fail ends in a message that says what to do next.
 */
import { execFile } from 'child_process';

export type RunResult = { code: number; stdout: Buffer; stderr: string };
export type Runner = (command: string, args: string[]) => Promise<RunResult>;

export type ClipboardImage =
  | { ok: true; bytes: Buffer; via: string }
  | { ok: false; reason: 'no-image' | 'no-tool' | 'failed'; message: string };

const PASTE_INSTEAD = 'or paste the screenshot into the Step Flash chat instead.';

export const defaultRunner: Runner = (command, args) =>
  new Promise((resolve) => {
    execFile(command, args, { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024, timeout: 10_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 127) : 0;
      resolve({ code, stdout: stdout ?? Buffer.alloc(0), stderr: stderr?.toString('utf8') ?? String(error?.message ?? '') });
    });
  });

async function has(run: Runner, tool: string): Promise<boolean> {
  const result = await run('sh', ['-c', `command -v ${tool}`]);
  return result.code === 0 && result.stdout.length > 0;
}

const noImage = (via: string): ClipboardImage => ({
  ok: false,
  reason: 'no-image',
  message: `The clipboard holds no image (checked with ${via}). Copy a screenshot first, ${PASTE_INSTEAD}`,
});

async function linux(run: Runner, env: NodeJS.ProcessEnv): Promise<ClipboardImage> {
  if (env.WAYLAND_DISPLAY && (await has(run, 'wl-paste'))) {
    const types = await run('wl-paste', ['--list-types']);
    if (types.code !== 0 || !/^image\/png$/m.test(types.stdout.toString('utf8'))) return noImage('wl-paste');
    const image = await run('wl-paste', ['--no-newline', '--type', 'image/png']);
    return image.code === 0 && image.stdout.length ? { ok: true, bytes: image.stdout, via: 'wl-paste' } : noImage('wl-paste');
  }
  if (await has(run, 'xclip')) {
    if (!env.DISPLAY) {
      return { ok: false, reason: 'failed', message: `xclip needs an X display (DISPLAY is not set), ${PASTE_INSTEAD}` };
    }
    const targets = await run('xclip', ['-selection', 'clipboard', '-t', 'TARGETS', '-o']);
    if (targets.code !== 0 || !/^image\/png$/m.test(targets.stdout.toString('utf8'))) return noImage('xclip');
    const image = await run('xclip', ['-selection', 'clipboard', '-t', 'image/png', '-o']);
    return image.code === 0 && image.stdout.length ? { ok: true, bytes: image.stdout, via: 'xclip' } : noImage('xclip');
  }
  return {
    ok: false,
    reason: 'no-tool',
    message: `Reading images from the clipboard needs wl-clipboard (Wayland: sudo apt install wl-clipboard) or xclip (X11: sudo apt install xclip), ${PASTE_INSTEAD}`,
  };
}

async function mac(run: Runner): Promise<ClipboardImage> {
  if (await has(run, 'pngpaste')) {
    const image = await run('pngpaste', ['-']);
    return image.code === 0 && image.stdout.length ? { ok: true, bytes: image.stdout, via: 'pngpaste' } : noImage('pngpaste');
  }
  const result = await run('osascript', ['-e', 'the clipboard as «class PNGf»']);
  const hex = /«data PNGf([0-9A-Fa-f]+)»/.exec(result.stdout.toString('utf8'));
  if (result.code !== 0 || !hex) return noImage('osascript');
  return { ok: true, bytes: Buffer.from(hex[1]!, 'hex'), via: 'osascript' };
}

async function windows(run: Runner): Promise<ClipboardImage> {
  const script =
    'Add-Type -AssemblyName System.Drawing; $img = Get-Clipboard -Format Image; ' +
    'if ($img) { $ms = New-Object System.IO.MemoryStream; $img.Save($ms, [System.Drawing.Imaging.ImageFormat]::Png); ' +
    '[Convert]::ToBase64String($ms.ToArray()) }';
  const result = await run('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', script]);
  if (result.code === 127) {
    return { ok: false, reason: 'no-tool', message: `Windows PowerShell (powershell.exe) was not found, ${PASTE_INSTEAD}` };
  }
  const base64 = result.stdout.toString('utf8').trim();
  if (result.code !== 0 || !base64) return noImage('PowerShell Get-Clipboard');
  return { ok: true, bytes: Buffer.from(base64, 'base64'), via: 'PowerShell' };
}

export async function readClipboardImage(
  platform: NodeJS.Platform = process.platform,
  run: Runner = defaultRunner,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ClipboardImage> {
  try {
    if (platform === 'linux') return await linux(run, env);
    if (platform === 'darwin') return await mac(run);
    if (platform === 'win32') return await windows(run);
    return { ok: false, reason: 'no-tool', message: `Reading clipboard images is not supported on ${platform}, ${PASTE_INSTEAD}` };
  } catch (error) {
    return { ok: false, reason: 'failed', message: `Could not read the clipboard: ${String(error)}` };
  }
}
