/**
 * The attachments of the message being written. An image shows its thumbnail the
 * moment it arrives (object URL) and is checked in the background; a rejected one
 * is removed with its specific reason shown. Videos go to the host for checking
 * and upload. Nothing is dropped silently, and nothing unsendable is sent.
 */
import type { Attachment, HostMessageOf, StatusView, WebviewMessage } from '../../src/shared/protocol';
import { uniqueId } from '../dom';
import { renderTray, TrayImage } from './attachmentTray';
import type { DraftStore } from './draft';
import { prepareImage } from './imageIntake';
import type { ComposerNotes } from './notes';

export interface IncomingFile {
  name: string;
  type: string;
  bytes: () => Promise<Uint8Array>;
  /** When the file is already a Blob, its thumbnail can show before the bytes are read. */
  blob?: Blob;
}

const VIDEO_EXTENSIONS = /\.(mp4|m4v|mov|mkv)$/i;
const VIDEO_TYPES = new Set(['video/mp4', 'video/quicktime', 'video/x-matroska', 'video/matroska']);
// Decided by bytes later; the name/type only routes the file to the image or the video path.
const IMAGE_EXTENSIONS = /\.(png|jpe?g|gif|webp|bmp|heic|heif|tiff?|svg|avif|ico)$/i;

export class Attachments {
  readonly element: HTMLElement;
  private readonly thumbs = new Map<string, string>();
  private readonly preparing = new Map<string, { name: string; done: Promise<void> }>();
  // Images finish preparing in any order; they are sent in the order they were attached.
  private readonly attachOrder = new Map<string, number>();
  private attachCount = 0;

  constructor(
    private readonly store: DraftStore,
    private readonly notes: ComposerNotes,
    private readonly deps: { post(message: WebviewMessage): void; status(): StatusView | undefined; enlarge(url: string, name: string): void },
  ) {
    this.element = document.createElement('div');
    this.element.className = 'tray';
    this.element.setAttribute('aria-label', 'Attachments');
    this.render();
  }

  get isEmpty(): boolean {
    return this.preparing.size === 0 && this.store.state.images.length === 0 && this.store.state.videos.length === 0;
  }

  add(files: IncomingFile[]): void {
    for (const file of files) {
      if (VIDEO_TYPES.has(file.type) || VIDEO_EXTENSIONS.test(file.name)) this.addVideo(file);
      else if (file.type.startsWith('image/') || IMAGE_EXTENSIONS.test(file.name) || (!file.type && !/\.\w+$/.test(file.name))) this.addImage(file);
      else this.notes.show('error', `${file.name} was not attached: only images (PNG, JPEG, WebP, static GIF) and videos (MP4, MOV, MKV) can be attached.`);
    }
  }

  private addImage(file: IncomingFile): void {
    const id = uniqueId('img');
    this.attachOrder.set(id, (this.attachCount += 1));
    if (file.blob) this.thumbs.set(id, URL.createObjectURL(file.blob));
    const done = (async () => {
      const bytes = await file.bytes();
      if (!this.thumbs.has(id)) {
        this.thumbs.set(id, URL.createObjectURL(new Blob([bytes as BlobPart], { type: file.type || 'application/octet-stream' })));
        this.render();
      }
      const status = this.deps.status();
      const prepared = await prepareImage(bytes, file.name, { maxEdge: status?.maxImageEdge ?? 2048, maxBytes: status?.maxImageBytes ?? 10 * 1024 * 1024 });
      if (!this.preparing.has(id)) return; // removed while it was being prepared
      if (prepared.ok) {
        const { ok: _ok, ...image } = prepared;
        const images = this.store.state.images;
        const rank = (imageId: string) => this.attachOrder.get(imageId) ?? 0;
        const at = images.findIndex((other) => rank(other.id) > rank(id));
        images.splice(at < 0 ? images.length : at, 0, { id, name: file.name, detail: this.store.state.detail, ...image });
      } else {
        this.notes.show('error', `Not attached — ${prepared.message}`);
        this.dropThumb(id);
      }
    })()
      .catch((error: unknown) => {
        this.notes.show('error', `Not attached — ${file.name} could not be read: ${error instanceof Error ? error.message : String(error)}`);
        this.dropThumb(id);
      })
      .finally(() => {
        this.preparing.delete(id);
        this.store.changed();
        this.render();
      });
    this.preparing.set(id, { name: file.name, done });
    this.render();
  }

  private addVideo(file: IncomingFile): void {
    const id = uniqueId('video');
    this.store.state.videos.push({ id, name: file.name, state: 'reading' });
    this.store.changed();
    this.render();
    file
      .bytes()
      .then((bytes) => {
        const video = this.store.state.videos.find((v) => v.id === id);
        if (!video) return;
        video.state = 'checking';
        this.deps.post({ type: 'attachVideo', id, name: file.name, bytes: bytes as Uint8Array<ArrayBuffer> });
      })
      .catch((error: unknown) => this.videoStatus({ type: 'videoStatus', id, state: 'rejected', message: `could not be read: ${error instanceof Error ? error.message : String(error)}` }))
      .finally(() => {
        this.store.changed();
        this.render();
      });
  }

  videoStatus(message: HostMessageOf<'videoStatus'>): void {
    const video = this.store.state.videos.find((v) => v.id === message.id);
    if (!video) return;
    video.state = message.state;
    video.progress = message.progress;
    video.message = message.message;
    if (message.state === 'cancelled') this.store.state.videos = this.store.state.videos.filter((v) => v.id !== message.id);
    this.store.changed();
    this.render();
  }

  /** Resolves once every image dropped so far has been accepted or refused. */
  async settled(): Promise<void> {
    while (this.preparing.size) await Promise.all(Array.from(this.preparing.values(), (p) => p.done));
  }

  /** Why what is attached cannot be sent right now; empty when it can. */
  blockers(): string[] {
    const reasons = this.capabilityBlockers();
    for (const video of this.store.state.videos) {
      if (video.state === 'rejected') reasons.push(`${video.name} was rejected${video.message ? `: ${video.message}` : ''}. Remove it to send.`);
      else if (video.state !== 'ready') reasons.push(`${video.name} is still ${video.state === 'uploading' ? 'uploading' : 'being checked'}; send once it is ready.`);
    }
    return reasons;
  }

  /** What the current model cannot take at all: said as soon as such a file is attached. */
  capabilityBlockers(): string[] {
    const status = this.deps.status();
    const reasons: string[] = [];
    const { images, videos } = this.store.state;
    if (images.length && status && !status.supportsImages) {
      reasons.push(status.imageBlocker ?? `${status.model} cannot read images. Remove the images or switch to a model that can.`);
    }
    if (videos.length && status && !status.supportsVideo) {
      reasons.push(status.videoBlocker ?? `${status.model} cannot read video. Remove the video or switch to a model that can.`);
    }
    return reasons;
  }

  toAttachments(): Attachment[] {
    return [
      ...this.store.state.images.map(({ note: _note, ...image }): Attachment => ({ kind: 'image', ...image })),
      ...this.store.state.videos.map((video): Attachment => ({ kind: 'video', id: video.id, name: video.name })),
    ];
  }

  /** After sending: free the object-URL thumbnails; a refused send that comes back shows its images from their bytes. */
  clearSent(): void {
    for (const id of Array.from(this.thumbs.keys())) this.dropThumb(id);
    this.render();
  }

  render(): void {
    const { images, videos } = this.store.state;
    const tiles: TrayImage[] = images.map((image) => ({ id: image.id, name: image.name, url: this.thumbs.get(image.id) ?? `data:${image.mime};base64,${image.base64}`, ready: image }));
    for (const [id, pending] of this.preparing) {
      const url = this.thumbs.get(id);
      if (url) tiles.push({ id, name: pending.name, url });
    }
    renderTray(this.element, tiles, videos, {
      removeImage: (id) => {
        this.store.state.images = this.store.state.images.filter((image) => image.id !== id);
        this.preparing.delete(id);
        this.dropThumb(id);
        this.store.changed();
        this.render();
      },
      toggleDetail: (id) => {
        const image = this.store.state.images.find((i) => i.id === id);
        if (image) image.detail = image.detail === 'high' ? 'low' : 'high';
        this.store.changed();
        this.render();
      },
      enlarge: (url, name) => this.deps.enlarge(url, name),
      removeVideo: (id) => {
        this.store.state.videos = this.store.state.videos.filter((v) => v.id !== id);
        this.store.changed();
        this.render();
      },
      cancelVideo: (id) => {
        this.deps.post({ type: 'cancelVideo', id });
        this.store.state.videos = this.store.state.videos.filter((v) => v.id !== id);
        this.store.changed();
        this.render();
      },
    });
  }

  private dropThumb(id: string): void {
    const url = this.thumbs.get(id);
    if (url) URL.revokeObjectURL(url);
    this.thumbs.delete(id);
  }
}
