/**
 * A chat as it is stored and sent. Pure data: the host persists it per
 * workspace and turns it into API messages; the webview sees MessageView.
 */
import type { EffortView, ErrorView, ImageDetail, UsageView } from '../../shared/protocol';

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

export interface TurnRecord {
  id: string;
  role: 'user' | 'assistant';
  text: string;
  reasoning?: string;
  images?: StoredImage[];
  videos?: StoredVideo[];
  context?: ContextBlock[];
  status?: 'done' | 'stopped' | 'error' | 'streaming';
  effort?: EffortView;
  usage?: UsageView;
  error?: ErrorView;
  steps?: string[];
  createdAt: number;
}

export interface ChatRecord {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  turns: TurnRecord[];
  totalUsage: UsageView;
}

/** The wire shapes are the provider client's: a chat is sent exactly as the client types it. */
export type { ChatMessage as ApiMessage, ContentPart, ToolCall as ApiToolCall } from '../provider/types';

export const ZERO_USAGE: UsageView = { promptTokens: 0, completionTokens: 0, cachedTokens: 0, costUsd: 0 };

export function addUsage(a: UsageView, b: UsageView | undefined): UsageView {
  if (!b) return a;
  return {
    promptTokens: a.promptTokens + b.promptTokens,
    completionTokens: a.completionTokens + b.completionTokens,
    cachedTokens: a.cachedTokens + b.cachedTokens,
    costUsd: a.costUsd + b.costUsd,
  };
}
