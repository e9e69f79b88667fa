/**
 * Everything the user has typed or attached but not yet sent, persisted through
 * the webview state so that hiding, moving or reloading the view loses nothing.
 * Saved images are put back only once checked against the protocol's schema, which
 * loads with the rest of the chat after the first paint (webview/app.ts calls
 * `restoreImages`); until then a save keeps them as they were saved.
 */
import type { ContextChip, EffortChoice, ImageAttachment, ImageDetail } from '../../src/shared/protocol';

export type ReadyImage = Omit<ImageAttachment, 'kind'> & { note?: string };

export type VideoState = 'reading' | 'checking' | 'uploading' | 'ready' | 'rejected' | 'cancelled';
export interface DraftVideo {
  id: string;
  name: string;
  state: VideoState;
  progress?: number;
  message?: string;
}

/** What one `send` carried, kept until the host starts the turn or refuses it. */
export interface SentDraft {
  /** Echoed by the host on the turn start or the sendRejected that answers this send. */
  sendId?: string;
  text: string;
  effort: EffortChoice;
  chips: ContextChip[];
  images: ReadyImage[];
  videos: DraftVideo[];
}

export interface DraftState {
  text: string;
  effort: EffortChoice;
  /** Keeps `effort` for every message; unlocked, the picker goes back to Auto after each send. */
  effortLocked: boolean;
  detail: ImageDetail;
  chips: ContextChip[];
  images: ReadyImage[];
  videos: DraftVideo[];
  /** Sent but not yet started by the host, oldest first; persisted so a reload in between loses nothing. */
  pending: SentDraft[];
}

interface Persistence {
  getState<T>(): T | undefined;
  setState(state: unknown): void;
}

const EMPTY: DraftState = { text: '', effort: 'auto', effortLocked: false, detail: 'high', chips: [], images: [], videos: [], pending: [] };

/** Checks saved images (webview/composer/savedImages.ts): saved state is input like any other and may have been tampered with. */
export type SavedImageCheck = (value: unknown) => ReadyImage[];

/** The saved draft without its images, and the images as saved: the draft's own, and each pending send's. */
function restore(saved: unknown): { state: DraftState; images: unknown; pendingImages: Map<SentDraft, unknown> } {
  const pendingImages = new Map<SentDraft, unknown>();
  if (!saved || typeof saved !== 'object') return { state: structuredClone(EMPTY), images: undefined, pendingImages };
  const draft = (saved as { draft?: Partial<DraftState> }).draft ?? {};
  const pending = Array.isArray(draft.pending)
    ? draft.pending.filter((p) => p && typeof p === 'object').map((p) => {
        const sent = { ...p, images: [] };
        if (p.images !== undefined) pendingImages.set(sent, p.images);
        return sent;
      })
    : [];
  const state: DraftState = {
    text: typeof draft.text === 'string' ? draft.text : '',
    effort: draft.effort ?? 'auto',
    effortLocked: draft.effortLocked === true,
    detail: draft.detail ?? 'high',
    chips: Array.isArray(draft.chips) ? draft.chips : [],
    images: [],
    videos: Array.isArray(draft.videos) ? draft.videos : [],
    pending,
  };
  return { state, images: draft.images, pendingImages };
}

export class DraftStore {
  readonly state: DraftState;
  private timer = 0;
  private listeners: Array<() => void> = [];
  /** Saved images not yet checked (see `restoreImages`): the draft's own, and each pending send's. */
  private unchecked: { images: unknown; pending: Map<SentDraft, unknown> } | undefined;

  constructor(private readonly persistence: Persistence) {
    const restored = restore(persistence.getState());
    this.state = restored.state;
    this.unchecked = { images: restored.images, pending: restored.pendingImages };
    // A debounced save could be lost if the view is torn down right after typing.
    document.addEventListener('visibilitychange', () => this.saveNow());
    window.addEventListener('pagehide', () => this.saveNow());
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Attachment and chip changes are saved at once; keystrokes are batched. */
  changed(options: { textOnly?: boolean } = {}): void {
    if (options.textOnly) {
      if (!this.timer) this.timer = window.setTimeout(() => this.saveNow(), 150);
    } else {
      this.saveNow();
      for (const listener of this.listeners) listener();
    }
  }

  /**
   * Puts the saved images that pass `check` back: before any added since, and into the pending sends they were
   * saved with. Returns whether any came back. Runs once; later calls do nothing.
   */
  restoreImages(check: SavedImageCheck): boolean {
    const unchecked = this.unchecked;
    if (!unchecked) return false;
    this.unchecked = undefined;
    const images = check(unchecked.images);
    this.state.images = [...images, ...this.state.images];
    let restored = images.length > 0;
    for (const sent of this.state.pending) {
      if (!unchecked.pending.has(sent)) continue;
      sent.images = check(unchecked.pending.get(sent));
      restored ||= sent.images.length > 0;
    }
    if (restored) this.changed();
    return restored;
  }

  saveNow(): void {
    if (this.timer) window.clearTimeout(this.timer);
    this.timer = 0;
    const saved = this.persistence.getState<Record<string, unknown>>() ?? {};
    this.persistence.setState({ ...saved, draft: this.withUncheckedImages() });
  }

  /** The draft as saved: images not checked yet stay as they were saved, so a save before the check loses none. */
  private withUncheckedImages(): DraftState {
    const unchecked = this.unchecked;
    if (!unchecked) return this.state;
    const asSaved = (value: unknown): ReadyImage[] => (Array.isArray(value) ? (value as ReadyImage[]) : []);
    return {
      ...this.state,
      images: [...asSaved(unchecked.images), ...this.state.images],
      pending: this.state.pending.map((sent) => (unchecked.pending.has(sent) ? { ...sent, images: asSaved(unchecked.pending.get(sent)) } : sent)),
    };
  }

  /** Moves what is composed into `pending` and empties the composer; returns what was moved. */
  takeForSending(sendId: string): SentDraft {
    const { text, effort, chips, images, videos } = this.state;
    const sent: SentDraft = { sendId, text, effort, chips, images, videos };
    this.state.pending.push(sent);
    this.state.text = '';
    this.state.chips = [];
    this.state.images = [];
    this.state.videos = [];
    this.changed();
    return sent;
  }

  /**
   * The host started a turn showing `userText`. Only the oldest pending send that matches is settled: a turn the
   * host starts on its own (an editor command) must not swallow a send that may still be refused.
   */
  settle(sendId: string | undefined, userText: string): boolean {
    // A turn the host started on its own (a command) carries no sendId and settles nothing.
    const at = sendId
      ? this.state.pending.findIndex((sent) => sent.sendId === sendId)
      : this.state.pending.findIndex((sent) => !sent.sendId && sent.text.trim() === userText);
    if (at < 0) return false;
    this.state.pending.splice(at, 1);
    this.changed();
    return true;
  }

  /**
   * The host refused the oldest pending send: put it back. Whatever was composed since stays, after it, so the
   * restore never overwrites newer work.
   */
  restoreRefused(sendId?: string): SentDraft | undefined {
    const at = sendId ? this.state.pending.findIndex((p) => p.sendId === sendId) : 0;
    const sent = at >= 0 ? this.state.pending.splice(at, 1)[0] : undefined;
    if (!sent) return undefined;
    const now = this.state;
    now.text = now.text.trim() ? `${sent.text}\n\n${now.text}` : sent.text;
    now.effort = sent.effort;
    const newerChips = now.chips.filter((chip) => !sent.chips.some((c) => c.id === chip.id));
    now.chips = [...sent.chips, ...newerChips];
    now.images = [...sent.images, ...now.images.filter((image) => !sent.images.some((i) => i.id === image.id))];
    now.videos = [...sent.videos, ...now.videos.filter((video) => !sent.videos.some((v) => v.id === video.id))];
    this.changed();
    return sent;
  }
}
