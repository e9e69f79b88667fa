/**
 * Where files come from: clipboard paste, drops from the OS (files) or from VS
 * Code's Explorer (a uri-list the host resolves to bytes), and the file picker.
 */
import type { HostMessageOf, WebviewMessage } from '../../src/shared/protocol';
import { h, uniqueId } from '../dom';
import type { IncomingFile } from './attachments';
import type { ComposerNotes } from './notes';

function fromFile(file: File, fallbackName: string): IncomingFile {
  return { name: file.name || fallbackName, type: file.type, blob: file, bytes: async () => new Uint8Array(await file.arrayBuffer()) };
}

function urisFrom(data: DataTransfer): string[] {
  const text = data.getData('application/vnd.code.uri-list') || data.getData('text/uri-list');
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
}

export class MediaEvents {
  readonly picker: HTMLInputElement;
  private readonly pendingResolves = new Set<string>();

  constructor(
    private readonly deps: { add(files: IncomingFile[]): void; post(message: WebviewMessage): void; notes: ComposerNotes },
  ) {
    this.picker = h('input', {
      className: 'visually-hidden',
      attrs: { type: 'file', multiple: '', accept: 'image/*,video/mp4,video/quicktime,video/x-matroska,.mkv,.mov', tabindex: '-1', 'aria-hidden': 'true' },
    });
    this.picker.addEventListener('change', () => {
      const files = Array.from(this.picker.files ?? []);
      this.picker.value = '';
      this.deps.add(files.map((file) => fromFile(file, 'file')));
    });
  }

  /** Paste on the composer: images become attachments, text pastes normally. */
  onPaste(event: ClipboardEvent): void {
    const items = Array.from(event.clipboardData?.items ?? []);
    const files = items
      .filter((item) => item.kind === 'file')
      .map((item, index) => ({ item, file: item.getAsFile(), index }))
      .filter((entry): entry is { item: DataTransferItem; file: File; index: number } => entry.file !== null);
    if (!files.length) return;
    event.preventDefault();
    this.deps.add(files.map(({ file, index }) => fromFile(file, `pasted-${index + 1}.${file.type.split('/')[1] ?? 'bin'}`)));
  }

  attachDropTarget(target: HTMLElement): void {
    target.addEventListener('dragover', (event) => {
      if (!event.dataTransfer) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
      target.classList.add('drop-active');
    });
    target.addEventListener('dragleave', () => target.classList.remove('drop-active'));
    target.addEventListener('drop', (event) => {
      target.classList.remove('drop-active');
      const data = event.dataTransfer;
      if (!data) return;
      event.preventDefault();
      const files = Array.from(data.files);
      if (files.length) {
        this.deps.add(files.map((file) => fromFile(file, 'dropped-file')));
        return;
      }
      const uris = urisFrom(data);
      if (uris.length) {
        const requestId = uniqueId('resolve');
        this.pendingResolves.add(requestId);
        this.deps.post({ type: 'resolveUris', requestId, uris });
        return;
      }
      this.deps.notes.show('warning', 'Nothing to attach in what was dropped: drop image or video files.');
    });
  }

  resolved(message: HostMessageOf<'resolvedFiles'>): void {
    if (!this.pendingResolves.delete(message.requestId)) return;
    for (const error of message.errors) this.deps.notes.show('error', error);
    this.deps.add(
      message.files.map((file) => ({
        name: file.name,
        type: '',
        blob: new Blob([file.bytes as BlobPart]),
        bytes: async () => file.bytes,
      })),
    );
  }
}
