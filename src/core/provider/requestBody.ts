/**
 * Builds and checks the chat request body for a profile. Problems are reported
 * before anything is sent, by name: an image sent to a text-only endpoint is an
 * error the user reads, never a part silently dropped on the way.
 */
import type { EffortLevel } from '../../shared/protocol';
import { StepError } from './errors';
import { canonicalModel } from './pricing';
import type { ResolvedProfile } from './profiles';
import type { ChatMessage, ChatRequest, ContentPart } from './types';

const TOOL_NAME = /^[a-zA-Z_][a-zA-Z0-9_-]{0,63}$/;
const IMAGE_DATA = /^data:image\/(png|jpeg|jpg|webp|gif);base64,[A-Za-z0-9+/=\s]+$/;
const VIDEO_DATA = /^data:video\/(mp4|quicktime|x-matroska);base64,[A-Za-z0-9+/=\s]+$/;
const STEPFILE = /^stepfile:\/\/[A-Za-z0-9._-]+$/;
const HTTP_URL = /^https?:\/\/\S+$/i;

function invalid(message: string, settings = false): StepError {
  return new StepError({ kind: 'bad-request', title: 'Cannot send this request', message, actions: settings ? ['openSettings'] : [] });
}

function checkPart(part: ContentPart, where: string, profile: ResolvedProfile): void {
  if (!part || typeof part !== 'object') throw invalid(`${where} is not a content part.`);
  switch (part.type) {
    case 'text':
      if (typeof part.text !== 'string') throw invalid(`${where}: text part without text.`);
      return;
    case 'image_url': {
      if (!profile.supportsImages) {
        throw invalid(
          `${where} is an image, but ${profile.label} (${profile.model}) is not set up for images. Enable vision for this endpoint in settings if its model accepts images, or remove the image.`,
          true,
        );
      }
      const url = part.image_url?.url ?? '';
      if (!IMAGE_DATA.test(url) && !HTTP_URL.test(url) && !STEPFILE.test(url)) {
        throw invalid(`${where}: the image must be a base64 data URL of PNG, JPEG, WebP or GIF, an http(s) URL or stepfile://ID (got "${url.slice(0, 40)}…").`);
      }
      const detail = part.image_url.detail;
      if (detail !== undefined && detail !== 'low' && detail !== 'high') throw invalid(`${where}: image detail must be "low" or "high", not "${String(detail)}".`);
      return;
    }
    case 'video_url': {
      if (!profile.supportsVideo) {
        throw invalid(`${where} is a video, but video is only supported on StepFun's own API, not ${profile.label}. Switch the provider or remove the video.`, true);
      }
      const url = part.video_url?.url ?? '';
      if (!STEPFILE.test(url) && !HTTP_URL.test(url) && !VIDEO_DATA.test(url)) {
        throw invalid(`${where}: the video must be stepfile://ID (upload it first), an http(s) URL or an MP4/QuickTime/Matroska data URL.`);
      }
      return;
    }
    default:
      throw invalid(`${where} has the unknown type "${String((part as { type?: unknown }).type)}".`);
  }
}

function wireMessage(message: ChatMessage, index: number, profile: ResolvedProfile): Record<string, unknown> {
  const where = `Message ${index + 1}`;
  switch (message?.role) {
    case 'system':
      if (typeof message.content !== 'string') throw invalid(`${where} (system) must be text.`);
      return { role: 'system', content: message.content };
    case 'user':
      if (typeof message.content === 'string') return { role: 'user', content: message.content };
      if (!Array.isArray(message.content) || message.content.length === 0) throw invalid(`${where} (user) has no content.`);
      message.content.forEach((part, i) => checkPart(part, `${where}, part ${i + 1}`, profile));
      return { role: 'user', content: message.content };
    case 'assistant': {
      const out: Record<string, unknown> = { role: 'assistant', content: message.content ?? null };
      if (message.tool_calls?.length) {
        for (const call of message.tool_calls) {
          if (!call.id || !call.function?.name) throw invalid(`${where} (assistant) has a tool call without an id or a function name.`);
        }
        out.tool_calls = message.tool_calls;
      } else if (out.content === null) {
        out.content = '';
      }
      if (profile.id === 'openrouter' && message.reasoning_details?.length) out.reasoning_details = message.reasoning_details;
      return out;
    }
    case 'tool':
      if (!message.tool_call_id) throw invalid(`${where} (tool result) has no tool_call_id.`);
      if (typeof message.content !== 'string') throw invalid(`${where} (tool result) must be text.`);
      return { role: 'tool', tool_call_id: message.tool_call_id, content: message.content };
    default:
      throw invalid(`${where} has the unknown role "${String((message as { role?: unknown })?.role)}".`);
  }
}

/** The effort actually sent, given what the model accepts (docs/step-api-notes.md, "Request body"). */
export function effortForModel(model: string, effort: EffortLevel): EffortLevel | undefined {
  const id = canonicalModel(model);
  if (id === 'step-3.5-flash') return undefined;
  if (id === 'step-3.5-flash-2603') return effort === 'low' ? 'low' : 'high';
  return effort;
}

const ORDER: readonly EffortLevel[] = ['low', 'medium', 'high'];

/** The accepted level nearest to the one asked for (ties go to the higher: the user asked for more thought). */
export function nearestLevel(wanted: EffortLevel, accepted: readonly EffortLevel[] | undefined): EffortLevel {
  if (!accepted?.length || accepted.includes(wanted)) return wanted;
  const at = ORDER.indexOf(wanted);
  const distance = (level: EffortLevel) => Math.abs(ORDER.indexOf(level) - at) * 2 - (ORDER.indexOf(level) > at ? 1 : 0);
  return [...accepted].sort((a, b) => distance(a) - distance(b))[0]!;
}

export interface BuiltRequest {
  body: Record<string, unknown>;
  model: string;
  effortSent?: EffortLevel;
}

export function buildChatBody(request: ChatRequest, profile: ResolvedProfile, stream: boolean): BuiltRequest {
  if (!request || !Array.isArray(request.messages) || request.messages.length === 0) throw invalid('The request has no messages.');
  const model = request.model?.trim() || profile.model;
  const body: Record<string, unknown> = { model, messages: request.messages.map((m, i) => wireMessage(m, i, profile)), stream };
  if (request.tools?.length) {
    for (const tool of request.tools) {
      if (!TOOL_NAME.test(tool?.function?.name ?? '')) {
        throw invalid(`The tool name "${tool?.function?.name ?? ''}" is not allowed: use letters, digits, _ or -, starting with a letter or _, at most 64 characters.`);
      }
    }
    body.tools = request.tools;
    body.tool_choice = request.toolChoice ?? 'auto';
  }
  if (request.maxTokens !== undefined) {
    if (!Number.isInteger(request.maxTokens) || request.maxTokens <= 0) throw invalid(`maxTokens must be a positive whole number, not ${request.maxTokens}.`);
    body.max_tokens = request.maxTokens;
  }
  if (request.temperature !== undefined) {
    if (!(request.temperature >= 0 && request.temperature <= 2)) throw invalid(`temperature must be between 0 and 2, not ${request.temperature}.`);
    body.temperature = request.temperature;
  }
  if (request.topP !== undefined) {
    if (!(request.topP > 0 && request.topP <= 1)) throw invalid(`topP must be above 0 and at most 1, not ${request.topP}.`);
    body.top_p = request.topP;
  }
  if (request.stop?.length) body.stop = request.stop;
  const built: BuiltRequest = { body, model };
  if (request.effort !== undefined) {
    if (request.effort !== 'low' && request.effort !== 'medium' && request.effort !== 'high') {
      throw invalid(`Effort must be low, medium or high, not "${String(request.effort)}".`);
    }
    const modelEffort = effortForModel(model, request.effort);
    const effort = modelEffort && nearestLevel(modelEffort, profile.effortLevels);
    if (effort && profile.effortStyle === 'reasoning_effort') {
      body.reasoning_effort = effort;
      built.effortSent = effort;
    } else if (effort && profile.effortStyle === 'openrouter-reasoning') {
      body.reasoning = { effort };
      built.effortSent = effort;
    }
  }
  if (stream && profile.requestStreamUsage) body.stream_options = { include_usage: true };
  return built;
}
