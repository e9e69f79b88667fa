/**
 * A chat as it is stored and sent: the host persists it per workspace and turns
 * it into API messages; the webview sees the same turns through their events
 * (src/shared/turnEvents.ts), with the user's message cut down to what it shows.
 */
import type { ImageDetail, UsageView } from '../../shared/protocol';
import type { TurnEvent, TurnRecord, UserView } from '../../shared/turnEvents';

export { addUsage, ZERO_USAGE } from '../../shared/turnViews';

export interface StoredImage {
  name: string;
  mime: string;
  base64: string;
  detail: ImageDetail;
}

export interface StoredVideo {
  name: string;
  /** Files API id, sent as stepfile://id. */
  fileId: string;
}

/** Text attached as context: a selection, a file, an @mention. */
export interface ContextBlock {
  label: string;
  path: string;
  language?: string;
  text: string;
  startLine?: number;
}

/** The user's message with everything the model is sent again on later turns. */
export interface StoredUser {
  text: string;
  images?: StoredImage[];
  videos?: StoredVideo[];
  context?: ContextBlock[];
}

/** A turn as the host keeps it: exactly what reduceTurn made of its events. */
export type StoredTurn = TurnRecord<StoredUser>;
export type StoredTurnEvent = TurnEvent<StoredUser>;

export interface ChatRecord {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  turns: StoredTurn[];
  /** Every request's usage in this chat, including answers since retried away. */
  totalUsage: UsageView;
}

/** The wire shapes are the provider client's: a chat is sent exactly as the client types it. */
export type { ChatMessage as ApiMessage, ContentPart, ToolCall as ApiToolCall } from '../provider/types';

/** What the webview is shown of a user's message: no context text, no file ids. */
export function userView(user: StoredUser): UserView {
  const view: UserView = { text: user.text };
  if (user.images?.length) view.images = user.images.map((i) => ({ name: i.name, mime: i.mime, base64: i.base64 }));
  if (user.videos?.length) view.videos = user.videos.map((v) => v.name);
  if (user.context?.length) view.chips = user.context.map((c) => `${c.label}: ${c.path}`);
  return view;
}

/** The same event as the webview receives it. */
export function eventView(event: StoredTurnEvent): TurnEvent {
  return event.kind === 'start' ? { ...event, user: userView(event.user) } : event;
}
