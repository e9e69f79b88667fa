import * as vscode from 'vscode';
import { readClipboardImage } from '../../core/clipboardImage';
import { screenshotPrompt } from '../../core/prompts';
import { detectStack } from '../../core/stack';
import { checkImageSize, sniffImage } from '../../shared/media';
import { readSettings } from '../settings';
import { runEditingCommand, type CommandDeps, type EditingResult } from './editingRunner';

export interface ScreenshotArgs {
  /** Read the image from this file instead of the OS clipboard (tests, or a saved screenshot). */
  imagePath?: string;
  note?: string;
}

async function workspaceStack() {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) return detectStack(undefined, false);
  const read = async (name: string) => {
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, name)));
    } catch {
      return undefined;
    }
  };
  const exists = async (name: string) => vscode.workspace.fs.stat(vscode.Uri.joinPath(folder.uri, name)).then(() => true, () => false);
  return detectStack(await read('package.json'), await exists('tsconfig.json'), (await exists('src')) ? ['src'] : []);
}

/**
 * Screenshot to Code: the image on the OS clipboard (VS Code's clipboard API
 * holds only text) becomes new component files for the workspace's stack,
 * proposed in the review with high effort.
 */
export async function screenshotToCode(deps: CommandDeps, args: ScreenshotArgs = {}): Promise<EditingResult | undefined> {
  let bytes: Uint8Array;
  let source: string;
  if (args.imagePath) {
    bytes = await vscode.workspace.fs.readFile(vscode.Uri.file(args.imagePath));
    source = args.imagePath;
  } else {
    const clip = await readClipboardImage();
    if (!clip.ok) {
      void vscode.window.showWarningMessage(clip.message);
      return undefined;
    }
    bytes = clip.bytes;
    source = `the clipboard (${clip.via})`;
  }
  const sniff = sniffImage(bytes);
  if (!sniff.ok) {
    void vscode.window.showWarningMessage(`The image from ${source} cannot be sent: ${sniff.message}`);
    return undefined;
  }
  const settings = readSettings();
  const size = checkImageSize(bytes.byteLength, settings.imageMaxBytes);
  if (!size.ok) {
    void vscode.window.showWarningMessage(`${size.message} Paste it into the Step Flash chat instead, which downscales large images.`);
    return undefined;
  }
  const status = await deps.chat.statusBlockers();
  if (status.imageBlocker) {
    void vscode.window.showWarningMessage(status.imageBlocker);
    return undefined;
  }
  const stack = await workspaceStack();
  const note = args.note ?? '';
  return runEditingCommand(deps, {
    intent: 'screenshotToCode',
    title: 'Screenshot to Code',
    display: `Turn the screenshot into ${stack.description} components${note ? `: ${note}` : ''}`,
    prompt: screenshotPrompt(stack, note),
    context: [],
    images: [{ name: 'screenshot.png', mime: sniff.mime, base64: Buffer.from(bytes).toString('base64'), detail: 'high' }],
  });
}
