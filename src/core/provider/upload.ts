/**
 * Uploads to StepFun's Files API (purpose "storage") so a video can be sent as
 * stepfile://ID. Progress comes from a fetch wrapper that encodes the SDK's
 * multipart FormData itself and feeds it to the network in slices, counting
 * bytes as the connection pulls them.
 */
import { toFile } from 'openai';
import type { FilePurpose } from 'openai/resources/files';
import { mapError, requireKey, sdkFor, type ClientContext } from './clientContext';
import { StepError } from './errors';
import type { FetchLike } from './httpCapture';
import { withRetry } from './retry';

export const MAX_UPLOAD_BYTES = 128 * 1024 * 1024;
const SLICE = 256 * 1024;
const UPLOAD_MIME = /^(video\/(mp4|quicktime|x-matroska)|image\/(png|jpeg|webp|gif)|audio\/(mpeg|wav))$/;

export interface UploadInput {
  bytes: Uint8Array;
  filename: string;
  mime: string;
}

export interface UploadProgress {
  sentBytes: number;
  totalBytes: number;
}

export interface UploadedFile {
  id: string;
  /** What to put in image_url.url / video_url.url. */
  url: string;
  traceId?: string;
}

function invalid(message: string): StepError {
  return new StepError({ kind: 'bad-request', title: 'Cannot upload this file', message });
}

function progressFetch(inner: FetchLike, onProgress: ((p: UploadProgress) => void) | undefined, signal?: AbortSignal): FetchLike {
  return async (input, init) => {
    if (!(init?.body instanceof FormData)) return inner(input, init);
    const encoded = new Response(init.body);
    const contentType = encoded.headers.get('content-type') ?? 'multipart/form-data';
    const bytes = new Uint8Array(await encoded.arrayBuffer());
    const total = bytes.byteLength;
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= total) return controller.close();
        const end = Math.min(total, sent + SLICE);
        controller.enqueue(bytes.subarray(sent, end));
        sent = end;
        if (!signal?.aborted) onProgress?.({ sentBytes: sent, totalBytes: total });
      },
    });
    const headers = new Headers(init.headers);
    headers.set('content-type', contentType);
    headers.set('content-length', String(total));
    return inner(input, { ...init, body, headers, duplex: 'half' } as RequestInit);
  };
}

export async function uploadFile(
  ctx: ClientContext,
  input: UploadInput,
  onProgress?: (progress: UploadProgress) => void,
  signal?: AbortSignal,
): Promise<UploadedFile> {
  if (!ctx.profile.region) {
    throw invalid(`${ctx.profile.label} has no Files API: uploads (for video) work only with StepFun's own API.`);
  }
  if (!input || !(input.bytes instanceof Uint8Array) || input.bytes.byteLength === 0) throw invalid('The file is empty.');
  if (input.bytes.byteLength > MAX_UPLOAD_BYTES) {
    throw invalid(`"${input.filename}" is ${(input.bytes.byteLength / 1024 / 1024).toFixed(1)} MB; StepFun accepts at most 128 MB per file.`);
  }
  if (!input.filename?.trim()) throw invalid('The file has no name.');
  if (!UPLOAD_MIME.test(input.mime)) {
    throw invalid(`"${input.filename}" is ${input.mime || 'of unknown type'}; StepFun storage accepts MP4, QuickTime or Matroska video, PNG/JPEG/WebP/GIF images and MP3/WAV audio.`);
  }
  requireKey(ctx);
  const inner = ctx.capture.fetch;
  const sdk = sdkFor(ctx.profile, ctx.apiKey, progressFetch(inner, onProgress, signal), 600_000);
  return withRetry(
    async () => {
      try {
        const file = await toFile(input.bytes, input.filename, { type: input.mime });
        const { data, response } = await sdk.files
          // StepFun's purpose for media; the SDK's FilePurpose union does not list it.
          .create({ file, purpose: 'storage' as FilePurpose }, signal ? { signal } : undefined)
          .withResponse();
        if (!data?.id) throw invalid('The server accepted the upload but returned no file id.');
        const traceId = response.headers.get('x-trace-id') ?? undefined;
        return traceId ? { id: data.id, url: `stepfile://${data.id}`, traceId } : { id: data.id, url: `stepfile://${data.id}` };
      } catch (error) {
        throw await mapError(ctx, error, { model: ctx.profile.model, path: '/files' }, signal);
      }
    },
    ctx.retry,
    {},
    signal,
  );
}
