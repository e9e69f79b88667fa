/**
 * Validation of user-message content parts (docs/step-api-notes.md, "Images and video"): the URL
 * forms the real API accepts for images and video, and which backends take video at all.
 */
import type { ApiError } from './errors';
import type { Flavour } from './types';

const IMAGE_DATA = /^data:image\/(png|jpeg|webp|gif);base64,(.*)$/s;
const VIDEO_DATA = /^data:video\/mp4;base64,(.*)$/s;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const STEPFILE = /^stepfile:\/\/(.+)$/;
const HTTP_URL = /^https?:\/\/[^\s/]+/;

function invalid(message: string, param: string): ApiError {
  return { status: 400, message, type: 'request_params_invalid', param };
}

function validBase64(payload: string): boolean {
  return payload.length > 0 && payload.length % 4 === 0 && BASE64.test(payload);
}

export interface PartContext {
  flavour: Flavour;
  knownFile: (id: string) => boolean;
}

function checkStepfile(url: string, param: string, ctx: PartContext): ApiError | undefined {
  const m = STEPFILE.exec(url);
  if (!m) return undefined;
  if (ctx.flavour !== 'stepfun') return invalid(`stepfile:// URLs are not supported by this backend (${param})`, param);
  return ctx.knownFile(m[1]) ? undefined : invalid(`File "${m[1]}" not found for ${param}`, param);
}

function checkImage(part: Record<string, unknown>, param: string, ctx: PartContext): ApiError | undefined {
  const img = part.image_url as Record<string, unknown> | undefined;
  if (!img || typeof img !== 'object' || typeof img.url !== 'string') {
    return invalid(`${param}.image_url.url must be a string`, `${param}.image_url.url`);
  }
  const url = img.url;
  const p = `${param}.image_url.url`;
  if (img.detail !== undefined && img.detail !== 'low' && img.detail !== 'high' && img.detail !== 'auto') {
    return invalid(`${param}.image_url.detail must be "low" or "high", got ${JSON.stringify(img.detail)}`, `${param}.image_url.detail`);
  }
  if (url.startsWith('data:')) {
    const m = IMAGE_DATA.exec(url);
    if (!m) return { ...invalid(`${p}: unsupported image data URL; use data:image/(png|jpeg|webp|gif);base64,…`, p), type: 'unsupported_content_type' };
    return validBase64(m[2]) ? undefined : invalid(`${p}: the base64 image data is not valid base64`, p);
  }
  if (STEPFILE.test(url)) return checkStepfile(url, p, ctx);
  if (HTTP_URL.test(url)) return undefined;
  return invalid(`${p} must be an http(s) URL, a data:image/…;base64 URL or stepfile://<file id>`, p);
}

function checkVideo(part: Record<string, unknown>, param: string, ctx: PartContext): ApiError | undefined {
  if (ctx.flavour !== 'stepfun') return invalid(`The model lacks video input support (${param})`, param);
  const vid = part.video_url as Record<string, unknown> | undefined;
  const p = `${param}.video_url.url`;
  if (!vid || typeof vid !== 'object' || typeof vid.url !== 'string') return invalid(`${p} must be a string`, p);
  const url = vid.url;
  if (url.startsWith('data:')) {
    const m = VIDEO_DATA.exec(url);
    if (!m) return { ...invalid(`${p}: unsupported video data URL; use data:video/mp4;base64,…`, p), type: 'unsupported_content_type' };
    return validBase64(m[1]) ? undefined : invalid(`${p}: the base64 video data is not valid base64`, p);
  }
  if (STEPFILE.test(url)) return checkStepfile(url, p, ctx);
  if (HTTP_URL.test(url)) return undefined;
  return invalid(`${p} must be stepfile://<file id>, data:video/mp4;base64,… or an http(s) URL`, p);
}

/** Checks one content part of messages[i]; `param` names it, e.g. messages[2].content[1]. */
export function checkPart(part: unknown, param: string, ctx: PartContext): ApiError | undefined {
  if (!part || typeof part !== 'object') return invalid(`${param} must be an object`, param);
  const p = part as Record<string, unknown>;
  switch (p.type) {
    case 'text':
      return typeof p.text === 'string' ? undefined : invalid(`${param}.text must be a string`, `${param}.text`);
    case 'image_url':
      return checkImage(p, param, ctx);
    case 'video_url':
      return checkVideo(p, param, ctx);
    case 'input_audio':
      return invalid(`The model lacks audio input support (${param})`, param);
    default:
      return { ...invalid(`${param}.type ${JSON.stringify(p.type)} is not a supported content type`, `${param}.type`), type: 'unsupported_content_type' };
  }
}

/** Rough prompt-token cost of a part: text by length, images at the fixed low-detail ~400 tokens. */
export function partTokens(part: Record<string, unknown>): number {
  if (part.type === 'text' && typeof part.text === 'string') return Math.ceil(part.text.length / 4);
  if (part.type === 'image_url') return 400;
  if (part.type === 'video_url') return 2000;
  return 0;
}
