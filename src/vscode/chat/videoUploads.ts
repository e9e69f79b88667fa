import { checkVideo } from '../../core/media/video';
import type { HostMessage } from '../../shared/protocol';
import type { Logger } from '../log';
import type { ProviderService } from '../provider/providerService';

type Entry =
  | { state: 'checking' | 'uploading'; name: string; abort: AbortController }
  | { state: 'ready'; name: string; fileId: string }
  | { state: 'rejected' | 'cancelled'; name: string; message: string };

/**
 * Videos are checked (container, size, duration) and uploaded through the Files
 * API as soon as they are attached, with progress the user can cancel; a
 * message then refers to them as stepfile://ID.
 */
export class VideoUploads {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly provider: ProviderService,
    private readonly post: (message: HostMessage) => void,
    private readonly log: Logger,
  ) {}

  async attach(id: string, name: string, bytes: Uint8Array): Promise<void> {
    const abort = new AbortController();
    this.entries.set(id, { state: 'checking', name, abort });
    this.post({ type: 'videoStatus', id, state: 'checking' });
    const reject = (message: string) => {
      this.entries.set(id, { state: 'rejected', name, message });
      this.post({ type: 'videoStatus', id, state: 'rejected', message });
    };
    const status = await this.provider.statusView();
    if (!status.supportsVideo) return reject(status.videoBlocker ?? 'Video needs a StepFun endpoint.');
    const check = await checkVideo(bytes, name);
    if (!check.ok) return reject(check.message);
    if (abort.signal.aborted) return;
    this.entries.set(id, { state: 'uploading', name, abort });
    this.post({ type: 'videoStatus', id, state: 'uploading', progress: 0 });
    try {
      const client = await this.provider.client();
      let lastTenth = -1;
      const uploaded = await client.uploadFile(
        { bytes, filename: name, mime: check.mime },
        ({ sentBytes, totalBytes }) => {
          const progress = totalBytes ? sentBytes / totalBytes : 0;
          // Ten updates are plenty for a progress bar; more would flood the channel on big files.
          if (Math.floor(progress * 10) !== lastTenth) {
            lastTenth = Math.floor(progress * 10);
            this.post({ type: 'videoStatus', id, state: 'uploading', progress: Math.min(1, progress) });
          }
        },
        abort.signal,
      );
      this.entries.set(id, { state: 'ready', name, fileId: uploaded.id });
      this.post({ type: 'videoStatus', id, state: 'ready', progress: 1 });
      this.log.info(`video ${name} uploaded as ${uploaded.id}`);
    } catch (error) {
      if (abort.signal.aborted) {
        this.entries.set(id, { state: 'cancelled', name, message: 'Upload cancelled.' });
        this.post({ type: 'videoStatus', id, state: 'cancelled', message: 'Upload cancelled.' });
        return;
      }
      reject(`Upload failed: ${(error as Error).message}`);
    }
  }

  cancel(id: string): void {
    const entry = this.entries.get(id);
    if (entry && (entry.state === 'checking' || entry.state === 'uploading')) entry.abort.abort();
    if (entry?.state === 'checking') {
      this.entries.set(id, { state: 'cancelled', name: entry.name, message: 'Upload cancelled.' });
      this.post({ type: 'videoStatus', id, state: 'cancelled', message: 'Upload cancelled.' });
    }
  }

  /** The uploaded files for these ids, or a message naming the first that is not ready. */
  resolve(ids: readonly string[]): Array<{ name: string; fileId: string }> | string {
    const out: Array<{ name: string; fileId: string }> = [];
    for (const id of ids) {
      const entry = this.entries.get(id);
      if (!entry) return 'A video attachment is unknown to this window (was the view reloaded?) — attach it again.';
      if (entry.state === 'ready') out.push({ name: entry.name, fileId: entry.fileId });
      else if ('message' in entry) return `${entry.name} cannot be sent: ${entry.message}`;
      else return `${entry.name} is still uploading; send when it is ready.`;
    }
    return out;
  }
}
