/**
 * The one contract between the extension host and the chat webview.
 *
 * Every message is a zod schema so that both sides validate what they receive
 * with the same definition the types come from: a malformed message is dropped
 * with a log line instead of corrupting the view or the conversation.
 * This module must stay free of 'vscode' and of DOM/Node-only APIs.
 */
import { z } from 'zod';

// zod would probe `new Function` to JIT its parsers; the webview's CSP forbids eval,
// so the probe would log a violation on every load. Parsing without JIT is fast enough here.
z.config({ jitless: true });

export const EffortLevel = z.enum(['low', 'medium', 'high']);
export type EffortLevel = z.infer<typeof EffortLevel>;
export const EffortChoice = z.enum(['auto', 'low', 'medium', 'high']);
export type EffortChoice = z.infer<typeof EffortChoice>;

/** The effort a request actually used, and why (shown next to the answer). */
export const EffortView = z.object({
  level: EffortLevel,
  reason: z.string(),
  source: z.enum(['policy', 'user', 'setting']),
});
export type EffortView = z.infer<typeof EffortView>;

export const UsageView = z.object({
  promptTokens: z.number().nonnegative(),
  completionTokens: z.number().nonnegative(),
  cachedTokens: z.number().nonnegative(),
  costUsd: z.number().nonnegative(),
});
export type UsageView = z.infer<typeof UsageView>;

export const ErrorActionId = z.enum([
  'retry',
  'switchRegion',
  'setApiKey',
  'copyDiagnostics',
  'openTopUp',
  'openSettings',
  'stopSendingEffort',
  'useSupportedEffort',
]);
export type ErrorActionId = z.infer<typeof ErrorActionId>;

export const ErrorView = z.object({
  title: z.string(),
  message: z.string(),
  traceId: z.string().optional(),
  actions: z.array(z.object({ id: ErrorActionId, label: z.string() })),
});
export type ErrorView = z.infer<typeof ErrorView>;

export const ImageDetail = z.enum(['low', 'high']);
export type ImageDetail = z.infer<typeof ImageDetail>;

/** An image the webview has checked, downscaled and encoded (base64, no data: prefix). */
export const ImageAttachment = z.object({
  kind: z.literal('image'),
  id: z.string().min(1),
  name: z.string(),
  mime: z.enum(['image/png', 'image/jpeg', 'image/webp', 'image/gif']),
  base64: z.string().min(1),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  detail: ImageDetail,
});
export type ImageAttachment = z.infer<typeof ImageAttachment>;

/** A video the host has checked and uploaded; the webview only refers to it by id. */
export const VideoAttachmentRef = z.object({
  kind: z.literal('video'),
  id: z.string().min(1),
  name: z.string(),
});
export type VideoAttachmentRef = z.infer<typeof VideoAttachmentRef>;

export const Attachment = z.discriminatedUnion('kind', [ImageAttachment, VideoAttachmentRef]);
export type Attachment = z.infer<typeof Attachment>;

/** Context the user attached: the selection, a whole file, or an @file mention. */
export const ContextChip = z.object({
  id: z.string().min(1),
  kind: z.enum(['selection', 'file', 'mention']),
  label: z.string(),
  path: z.string(),
  startLine: z.number().int().nonnegative().optional(),
  endLine: z.number().int().nonnegative().optional(),
});
export type ContextChip = z.infer<typeof ContextChip>;

export const MessageView = z.object({
  id: z.string(),
  role: z.enum(['user', 'assistant']),
  text: z.string(),
  reasoning: z.string().optional(),
  /** Thumbnails are re-sent as base64 so that a reopened chat shows them. */
  images: z.array(z.object({ name: z.string(), mime: z.string(), base64: z.string() })).optional(),
  videos: z.array(z.string()).optional(),
  chips: z.array(z.string()).optional(),
  status: z.enum(['done', 'stopped', 'error', 'streaming']).optional(),
  effort: EffortView.optional(),
  usage: UsageView.optional(),
  error: ErrorView.optional(),
  steps: z.array(z.string()).optional(),
});
export type MessageView = z.infer<typeof MessageView>;

export const ChatSummary = z.object({
  id: z.string(),
  title: z.string(),
  updatedAt: z.number(),
  messageCount: z.number().int().nonnegative(),
});
export type ChatSummary = z.infer<typeof ChatSummary>;

export const StatusView = z.object({
  providerLabel: z.string(),
  model: z.string(),
  keyPresent: z.boolean(),
  supportsImages: z.boolean(),
  supportsVideo: z.boolean(),
  /** Why images or video cannot be sent, said before the user tries. */
  imageBlocker: z.string().optional(),
  videoBlocker: z.string().optional(),
  maxImageEdge: z.number().int().positive(),
  maxImageBytes: z.number().int().positive(),
  defaultDetail: ImageDetail,
});
export type StatusView = z.infer<typeof StatusView>;

// ---------------------------------------------------------------- host → webview

const H = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ type: z.literal(type), ...shape });

export const HostMessage = z.discriminatedUnion('type', [
  H('status', { status: StatusView }),
  H('conversation', { chatId: z.string(), messages: z.array(MessageView), totalUsage: UsageView }),
  H('history', { chats: z.array(ChatSummary), activeId: z.string().optional() }),
  /** `sendId` echoes the webview's `send` that started the turn (absent for turns a command started). */
  H('turnStart', { turnId: z.string(), user: MessageView, effort: EffortView, sendId: z.string().optional() }),
  /** Appended text; the webview batches rendering per animation frame. */
  H('turnDelta', { turnId: z.string(), content: z.string().optional(), reasoning: z.string().optional() }),
  H('turnStep', { turnId: z.string(), step: z.string() }),
  H('turnQueued', { turnId: z.string(), position: z.number().int().nonnegative() }),
  H('turnRetry', {
    turnId: z.string(),
    secondsLeft: z.number().nonnegative(),
    attempt: z.number().int().positive(),
    maxAttempts: z.number().int().positive(),
    reason: z.string(),
  }),
  H('turnEnd', {
    turnId: z.string(),
    status: z.enum(['done', 'stopped', 'error']),
    usage: UsageView.optional(),
    totalUsage: UsageView,
    error: ErrorView.optional(),
  }),
  H('addChip', { chip: ContextChip }),
  H('prefill', { text: z.string(), effort: EffortChoice.optional(), send: z.boolean().optional() }),
  H('fileCompletions', { requestId: z.string(), items: z.array(z.string()) }),
  H('resolvedFiles', {
    requestId: z.string(),
    files: z.array(z.object({ name: z.string(), bytes: z.instanceof(Uint8Array) })),
    errors: z.array(z.string()),
  }),
  H('videoStatus', {
    id: z.string(),
    state: z.enum(['checking', 'uploading', 'ready', 'rejected', 'cancelled']),
    progress: z.number().min(0).max(1).optional(),
    message: z.string().optional(),
  }),
  H('notice', { level: z.enum(['info', 'warning', 'error']), text: z.string() }),
  /** The host refused a `send` before anything went out; the webview restores what the user had composed. */
  H('sendRejected', { reason: z.string(), sendId: z.string().optional() }),
]);
export type HostMessage = z.infer<typeof HostMessage>;

// ---------------------------------------------------------------- webview → host

const W = H;

export const WebviewMessage = z.discriminatedUnion('type', [
  W('ready', {}),
  W('send', {
    /** Echoed on the turnStart or sendRejected that answers this send. */
    sendId: z.string().min(1),
    text: z.string(),
    effort: EffortChoice,
    attachments: z.array(Attachment),
    chips: z.array(ContextChip),
  }),
  W('stop', { turnId: z.string() }),
  W('retry', { turnId: z.string() }),
  W('newChat', {}),
  W('openChat', { chatId: z.string() }),
  W('deleteChat', { chatId: z.string() }),
  W('completeFiles', { requestId: z.string(), query: z.string() }),
  W('resolveUris', { requestId: z.string(), uris: z.array(z.string()) }),
  W('attachVideo', { id: z.string().min(1), name: z.string(), bytes: z.instanceof(Uint8Array) }),
  W('cancelVideo', { id: z.string() }),
  W('copyText', { text: z.string() }),
  W('insertCode', { code: z.string() }),
  /** Apply never writes: the host parses edits and opens the review. */
  W('applyCode', { turnId: z.string(), code: z.string(), language: z.string(), pathHint: z.string().optional() }),
  W('applyAnswer', { turnId: z.string() }),
  W('openLink', { href: z.string() }),
  W('errorAction', { turnId: z.string(), action: ErrorActionId }),
  W('log', { level: z.enum(['info', 'warn', 'error']), message: z.string() }),
]);
export type WebviewMessage = z.infer<typeof WebviewMessage>;

export type HostMessageOf<T extends HostMessage['type']> = Extract<HostMessage, { type: T }>;
export type WebviewMessageOf<T extends WebviewMessage['type']> = Extract<WebviewMessage, { type: T }>;

/** Requests that expect one reply, keyed by requestId. */
export interface RequestResponseMap {
  completeFiles: 'fileCompletions';
  resolveUris: 'resolvedFiles';
}

export type Parsed<T> = { ok: true; message: T } | { ok: false; reason: string };

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

export function parseHostMessage(data: unknown): Parsed<HostMessage> {
  const result = HostMessage.safeParse(data);
  return result.success ? { ok: true, message: result.data } : { ok: false, reason: describe(result.error) };
}

export function parseWebviewMessage(data: unknown): Parsed<WebviewMessage> {
  const result = WebviewMessage.safeParse(data);
  return result.success ? { ok: true, message: result.data } : { ok: false, reason: describe(result.error) };
}
