/**
 * The one contract between the extension host and the chat webview.
 *
 * Every message is a zod schema so that both sides validate what they receive
 * with the same definition the types come from: a malformed message is dropped
 * with a log line instead of corrupting the view or the conversation.
 * This module must stay free of 'vscode' and of DOM/Node-only APIs.
 */
import * as z from './zod';
import { EffortChoice, ErrorActionId, UsageView } from './turnViews';
import { TurnEvent } from './turnEvents';
import { ACCEPTED_IMAGE_MIMES } from './media';

export { EffortChoice, EffortLevel, EffortView, ErrorActionId, ErrorView, UsageView } from './turnViews';

export const ImageDetail = z.enum(['low', 'high']);
export type ImageDetail = z.infer<typeof ImageDetail>;

/** An image the webview has checked, downscaled and encoded (base64, no data: prefix). */
export const ImageAttachment = z.object({
  kind: z.literal('image'),
  id: z.string().check(z.minLength(1)),
  name: z.string(),
  mime: z.enum(ACCEPTED_IMAGE_MIMES),
  base64: z.string().check(z.minLength(1)),
  width: z.int().check(z.positive()),
  height: z.int().check(z.positive()),
  detail: ImageDetail,
});
export type ImageAttachment = z.infer<typeof ImageAttachment>;

/** A video the host has checked and uploaded; the webview only refers to it by id. */
export const VideoAttachmentRef = z.object({
  kind: z.literal('video'),
  id: z.string().check(z.minLength(1)),
  name: z.string(),
});
export type VideoAttachmentRef = z.infer<typeof VideoAttachmentRef>;

export const Attachment = z.discriminatedUnion('kind', [ImageAttachment, VideoAttachmentRef]);
export type Attachment = z.infer<typeof Attachment>;

/** Context the user attached: the selection, a whole file, or an @file mention. */
export const ContextChip = z.object({
  id: z.string().check(z.minLength(1)),
  kind: z.enum(['selection', 'file', 'mention']),
  label: z.string(),
  path: z.string(),
  startLine: z.optional(z.int().check(z.nonnegative())),
  endLine: z.optional(z.int().check(z.nonnegative())),
});
export type ContextChip = z.infer<typeof ContextChip>;

export const ChatSummary = z.object({
  id: z.string(),
  title: z.string(),
  updatedAt: z.number(),
  messageCount: z.int().check(z.nonnegative()),
});
export type ChatSummary = z.infer<typeof ChatSummary>;

export const StatusView = z.object({
  providerLabel: z.string(),
  model: z.string(),
  keyPresent: z.boolean(),
  /** False for a custom server that takes no key: then a missing key is not a problem. */
  keyRequired: z.boolean(),
  /** Other providers that have a key stored, e.g. the region a key turned out to belong to. */
  keysElsewhere: z.array(z.object({ id: z.string(), label: z.string() })),
  supportsImages: z.boolean(),
  supportsVideo: z.boolean(),
  /** Why images or video cannot be sent, said before the user tries. */
  imageBlocker: z.optional(z.string()),
  videoBlocker: z.optional(z.string()),
  maxImageEdge: z.int().check(z.positive()),
  maxImageBytes: z.int().check(z.positive()),
  defaultDetail: ImageDetail,
  /** The advisor is on (stepFlash.advisor.enabled): the last answer offers Ask the Advisor. */
  advisor: z.optional(z.boolean()),
});
export type StatusView = z.infer<typeof StatusView>;

// ---------------------------------------------------------------- host → webview

const H = <T extends string, S extends z.core.$ZodLooseShape>(type: T, shape: S) =>
  z.object({ type: z.literal(type), ...shape });

export const HostMessage = z.discriminatedUnion('type', [
  H('status', { status: StatusView }),
  /** The whole open chat: each turn as the events that rebuild it (src/shared/turnEvents.ts replayTurn). */
  H('conversation', { chatId: z.string(), turns: z.array(z.array(TurnEvent)), totalUsage: UsageView }),
  H('history', { chats: z.array(ChatSummary), activeId: z.optional(z.string()) }),
  /** Everything that happens in a turn, live; the webview reduces it exactly as the host does. */
  H('turn', { turnId: z.string(), event: TurnEvent }),
  H('addChip', { chip: ContextChip }),
  H('prefill', { text: z.string(), effort: z.optional(EffortChoice), send: z.optional(z.boolean()) }),
  H('fileCompletions', { requestId: z.string(), items: z.array(z.string()) }),
  H('resolvedFiles', {
    requestId: z.string(),
    files: z.array(z.object({ name: z.string(), bytes: z.instanceof(Uint8Array) })),
    errors: z.array(z.string()),
  }),
  H('videoStatus', {
    id: z.string(),
    state: z.enum(['checking', 'uploading', 'ready', 'rejected', 'cancelled']),
    progress: z.optional(z.number().check(z.gte(0), z.lte(1))),
    message: z.optional(z.string()),
  }),
  /** Something that belongs to no turn (a link refused, a chat that could not be saved); shown for the open chat only. */
  H('notice', { level: z.enum(['info', 'warning', 'error']), text: z.string() }),
  /** The user asked for the chat from the keyboard (Open Chat): the caret goes to the message box. */
  H('focusInput', {}),
  /** The host refused a `send` before anything went out; the webview restores what the user had composed. */
  H('sendRejected', { reason: z.string(), sendId: z.optional(z.string()) }),
]);
export type HostMessage = z.infer<typeof HostMessage>;

// ---------------------------------------------------------------- webview → host

const W = H;

export const WebviewMessage = z.discriminatedUnion('type', [
  W('ready', {}),
  W('send', {
    /** Echoed on the turn start or the sendRejected that answers this send. */
    sendId: z.string().check(z.minLength(1)),
    text: z.string(),
    effort: EffortChoice,
    /** The user locked the picker on this effort, so it is not a one-message choice. */
    effortLocked: z.optional(z.boolean()),
    attachments: z.array(Attachment),
    chips: z.array(ContextChip),
  }),
  W('stop', { turnId: z.string() }),
  W('retry', { turnId: z.string() }),
  /** Ask the Advisor about this answer (a failed or unsatisfying one). */
  W('advise', { turnId: z.string() }),
  W('newChat', {}),
  W('openChat', { chatId: z.string() }),
  W('deleteChat', { chatId: z.string() }),
  W('completeFiles', { requestId: z.string(), query: z.string() }),
  W('resolveUris', { requestId: z.string(), uris: z.array(z.string()) }),
  W('attachVideo', { id: z.string().check(z.minLength(1)), name: z.string(), bytes: z.instanceof(Uint8Array) }),
  W('cancelVideo', { id: z.string() }),
  W('copyText', { text: z.string() }),
  W('insertCode', { code: z.string() }),
  /** Apply never writes: the host parses edits and opens the review. */
  W('applyCode', { turnId: z.string(), code: z.string(), language: z.string(), pathHint: z.optional(z.string()) }),
  W('applyAnswer', { turnId: z.string() }),
  W('openLink', { href: z.string() }),
  W('errorAction', { turnId: z.string(), action: ErrorActionId }),
  W('log', { level: z.enum(['info', 'warn', 'error']), message: z.string() }),
  /** First-run buttons: set the key, choose a provider, or move to a provider that already has a key. */
  W('setup', { action: z.enum(['setApiKey', 'chooseProvider', 'useProvider']), provider: z.optional(z.string()) }),
]);
export type WebviewMessage = z.infer<typeof WebviewMessage>;

export type HostMessageOf<T extends HostMessage['type']> = Extract<HostMessage, { type: T }>;
export type WebviewMessageOf<T extends WebviewMessage['type']> = Extract<WebviewMessage, { type: T }>;

export type Parsed<T> = { ok: true; message: T } | { ok: false; reason: string };

function describe(error: z.core.$ZodError): string {
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
