/**
 * The Files API (docs/step-api-notes.md, "Files API"): multipart upload, list, get, content, delete. Only the
 * StepFun flavour has it; uploads become usable as stepfile://<id> in chat requests.
 */
import { randomBytes } from 'crypto';
import type { ApiError } from './errors';

export interface StoredFile {
  id: string;
  filename: string;
  purpose: string;
  bytes: number;
  data: Buffer;
  createdAt: number;
}

export const MAX_FILE_BYTES = 128 * 1024 * 1024;
/** Room for multipart headers and the other fields around a maximal file. */
export const MAX_UPLOAD_BODY = MAX_FILE_BYTES + 1024 * 1024;
export const MAX_FILES = 1000;
const PURPOSES = ['file-extract', 'retrieval-text', 'retrieval-image', 'storage'];
const MEDIA_EXT = /\.(png|jpe?g|webp|gif|mp4|mov|mkv|mp3|wav)$/i;

function invalid(message: string, param: string): ApiError {
  return { status: 400, message, type: 'request_params_invalid', param };
}

export function fileObject(f: StoredFile): Record<string, unknown> {
  return { id: f.id, object: 'file', bytes: f.bytes, created_at: f.createdAt, filename: f.filename, purpose: f.purpose, status: 'processed' };
}

export function notFound(id: string): ApiError {
  return { status: 404, message: `No such file: ${id}`, type: 'not_found', param: 'file_id' };
}

export interface UploadResult {
  error?: ApiError;
  file?: StoredFile;
  /** What the request recorder keeps: the fields, with the file's bytes as a length only. */
  recorded: Record<string, unknown>;
}

/** Parses a multipart upload with the platform's own multipart parser (undici's Request.formData). */
export async function parseUpload(raw: Buffer, contentType: string | undefined, fileCount: number): Promise<UploadResult> {
  if (!contentType || !contentType.toLowerCase().startsWith('multipart/form-data')) {
    return { error: invalid(`POST /v1/files needs multipart/form-data, got ${contentType ?? 'no content-type'}`, 'content-type'), recorded: {} };
  }
  let form: FormData;
  try {
    form = await new Request('http://sim.invalid/v1/files', { method: 'POST', headers: { 'content-type': contentType }, body: new Uint8Array(raw) }).formData();
  } catch (err) {
    return { error: invalid(`The multipart body could not be parsed: ${(err as Error).message}`, 'body'), recorded: {} };
  }
  const recorded: Record<string, unknown> = {};
  let file: File | undefined;
  for (const [key, value] of form.entries()) {
    if (typeof value === 'string') recorded[key] = value;
    else {
      recorded[key] = { filename: value.name, contentType: value.type, bytes: value.size };
      if (key === 'file') file = value;
    }
  }
  const purpose = recorded.purpose;
  if (typeof purpose !== 'string' || purpose === '') return { error: invalid('purpose is required', 'purpose'), recorded };
  if (!PURPOSES.includes(purpose)) {
    return { error: invalid(`purpose must be one of ${PURPOSES.join('|')}, got ${JSON.stringify(purpose)}`, 'purpose'), recorded };
  }
  if (!file) {
    const msg = typeof recorded.url === 'string' ? 'url uploads cannot be fetched by the simulator; send a file part' : 'file is required';
    return { error: invalid(msg, 'file'), recorded };
  }
  if (file.size > MAX_FILE_BYTES) return { error: invalid(`file is ${file.size} bytes; the limit is 128 MB`, 'file'), recorded };
  if (file.size === 0) return { error: invalid('file is empty', 'file'), recorded };
  if (purpose === 'storage' && !/^(image|video|audio)\//.test(file.type) && !MEDIA_EXT.test(file.name)) {
    return { error: { ...invalid(`purpose "storage" takes images, video (mp4) or audio; got ${file.name} (${file.type || 'no type'})`, 'file'), type: 'unsupported_content_type' }, recorded };
  }
  if (fileCount >= MAX_FILES) return { error: invalid(`file limit reached: at most ${MAX_FILES} files per account`, 'file'), recorded };
  const data = Buffer.from(await file.arrayBuffer());
  const stored: StoredFile = {
    id: `file-${randomBytes(12).toString('base64url')}`,
    filename: file.name,
    purpose,
    bytes: data.length,
    data,
    createdAt: Math.floor(Date.now() / 1000),
  };
  return { file: stored, recorded };
}
