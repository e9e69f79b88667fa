/**
 * Everything the user has typed or attached but not yet sent, persisted through
 * the webview state so that hiding, moving or reloading the view loses nothing.
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

export interface DraftState {
  text: string;
  effort: EffortChoice;
  detail: ImageDetail;
  chips: ContextChip[];
  images: ReadyImage[];
  videos: DraftVideo[];
}

interface Persistence {
  getState<T>(): T | undefined;
  setState(state: unknown): void;
}

const EMPTY: DraftState = { text: '', effort: 'auto', detail: 'high', chips: [], images: [], videos: [] };

function restore(saved: unknown): DraftState {
  if (!saved || typeof saved !== 'object') return structuredClone(EMPTY);
  const draft = (saved as { draft?: Partial<DraftState> }).draft ?? {};
  return {
    text: typeof draft.text === 'string' ? draft.text : '',
    effort: draft.effort ?? 'auto',
    detail: draft.detail ?? 'high',
    chips: Array.isArray(draft.chips) ? draft.chips : [],
    images: Array.isArray(draft.images) ? draft.images : [],
    videos: Array.isArray(draft.videos) ? draft.videos : [],
  };
}

export class DraftStore {
  readonly state: DraftState;
  private timer = 0;
  private listeners: Array<() => void> = [];

  constructor(private readonly persistence: Persistence) {
    this.state = restore(persistence.getState());
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

  saveNow(): void {
    if (this.timer) window.clearTimeout(this.timer);
    this.timer = 0;
    const saved = this.persistence.getState<Record<string, unknown>>() ?? {};
    this.persistence.setState({ ...saved, draft: this.state });
  }

  clearSent(): void {
    this.state.text = '';
    this.state.chips = [];
    this.state.images = [];
    this.state.videos = [];
    this.changed();
  }
}
