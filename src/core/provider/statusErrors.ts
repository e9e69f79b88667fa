/**
 * HTTP status → what the user should read and do. Each message names the
 * concrete thing (the parameter, the model, the URL, the top-up page) because a
 * bare "401" or "404" is exactly what users of other assistants complain about.
 */
import type { EffortLevel } from '../../shared/protocol';
import type { StepErrorInit } from './errors';
import type { ErrorContext } from './errorMapping';
import type { TierLimits, Tier } from './tiers';

export interface BodyInfo {
  message?: string;
  param?: string;
  type?: string;
  code?: string;
}

function said(info: BodyInfo): string {
  return info.message ? `: "${info.message}"` : '';
}

function unauthorized(status: number, info: BodyInfo, ctx: ErrorContext): StepErrorInit {
  const { profile } = ctx;
  const actions: StepErrorInit['actions'] = ['setApiKey', 'copyDiagnostics'];
  const reason = info.message ? ` (the server said "${info.message}")` : ' (the response gave no reason)';
  if (status === 403) {
    return {
      kind: 'unauthorized',
      title: 'Key not allowed',
      message: `${profile.label} accepted the key but does not allow it to use ${ctx.model}${reason}. Check the key's permissions, or set a different key.`,
      actions,
    };
  }
  let advice: string;
  if (profile.region) advice = `Set a key created on ${profile.keyUrl} — keys are bound to the platform that issued them.`;
  else if (profile.id === 'openrouter') advice = `Create a key at ${profile.keyUrl} and set it with "Set API Key".`;
  else advice = `If the server was started with --api-key, set that same key with "Set API Key".`;
  return {
    kind: 'unauthorized',
    title: 'API key refused',
    message: `${profile.label}${profile.label.includes(profile.host) ? '' : ` at ${profile.host}`} refused the API key${reason}. ${advice}`,
    actions,
  };
}

const LEVELS: readonly EffortLevel[] = ['low', 'medium', 'high'];

/** The levels a refusal names as accepted ("Supported types are: low, medium"), other than the one refused. */
function levelsNamed(message: string, sent: EffortLevel): EffortLevel[] {
  const tail = /(supported|allowed|accepted|one of|must be|expected|valid)[^]*$/i.exec(message)?.[0] ?? '';
  return LEVELS.filter((level) => level !== sent && new RegExp(`\\b${level}\\b`, 'i').test(tail));
}

/**
 * A server that does not take the effort the extension sent (vLLM builds without the step3p5
 * parser, or a model with other levels): say that the extension sent it, and offer the ways out.
 */
function effortRefused(info: BodyInfo, ctx: ErrorContext): StepErrorInit | undefined {
  const sent = ctx.effortSent;
  const text = info.message ?? '';
  if (!sent || !(info.param === 'reasoning_effort' || /reasoning[\s_.-]*effort/i.test(text))) return undefined;
  const { profile } = ctx;
  const field = profile.effortStyle === 'openrouter-reasoning' ? 'reasoning.effort' : 'reasoning_effort';
  const supported = levelsNamed(text, sent);
  const custom = profile.id === 'custom';
  const ways = [
    ...(supported.length ? [`use a level it names (${supported.join(', ')})`] : []),
    ...(custom ? ['turn off stepFlash.customSendEffort so no effort is sent'] : []),
  ];
  const advice = ways.length ? ` To fix it, ${ways.join(', or ')}, then retry.` : ' Choose another effort level and retry.';
  return {
    kind: 'bad-request',
    title: 'Effort level refused',
    message: `${profile.label} refused the reasoning effort "${sent}" that Step Flash sent as ${field}${said(info)}.${advice}`,
    actions: [...(supported.length ? (['useSupportedEffort'] as const) : []), ...(custom ? (['stopSendingEffort'] as const) : []), 'copyDiagnostics'],
    effortRejected: { sent, supported },
  };
}

function badRequest(info: BodyInfo, ctx: ErrorContext): StepErrorInit {
  const refused = effortRefused(info, ctx);
  if (refused) return refused;
  const param = info.param ? ` The parameter at fault is "${info.param}".` : '';
  const message = info.message
    ? `${ctx.profile.label} rejected the request: ${info.message}.${param}`
    : `${ctx.profile.label} rejected the request (400) without saying which parameter is wrong.${param} Copy the diagnostics for the trace id.`;
  return { kind: 'bad-request', title: 'Request rejected', message, actions: ['copyDiagnostics', 'openSettings'] };
}

function notFound(info: BodyInfo, ctx: ErrorContext): StepErrorInit {
  const url = `${ctx.profile.baseUrl}${ctx.path}`;
  if (info.message && /model/i.test(info.message)) {
    return {
      kind: 'not-found',
      title: 'Model not found',
      message: `The model "${ctx.model}" is not available at ${ctx.profile.host}${said(info)}. Check the model setting.`,
      actions: ['openSettings', 'copyDiagnostics'],
    };
  }
  const base = new URL(ctx.profile.baseUrl);
  const hint =
    ctx.profile.id === 'custom' && !/\/v\d+$/.test(base.pathname) ? ' vLLM and SGLang serve the API under /v1: try adding /v1 to the base URL.' : ' Check the base URL setting.';
  return {
    kind: 'not-found',
    title: 'Endpoint not found',
    message: `Nothing answers at ${url} (404)${said(info)}.${hint}`,
    actions: ['openSettings', 'copyDiagnostics'],
  };
}

function rateLimited(info: BodyInfo, ctx: ErrorContext, tiers: Readonly<Record<Tier, TierLimits>>): StepErrorInit {
  const tier = ctx.profile.tier;
  const limits = tier ? tiers[tier] : undefined;
  const tierText = limits ? ` Tier ${tier} allows ${limits.concurrency} requests at once and ${limits.rpm} per minute.` : '';
  return {
    kind: 'rate-limited',
    title: 'Rate limited',
    message: `${ctx.profile.label} is limiting requests (429)${said(info)}.${tierText}`,
    retryable: true,
    actions: ['retry', 'copyDiagnostics'],
  };
}

function balance(info: BodyInfo, ctx: ErrorContext): StepErrorInit {
  // OpenRouter keys can carry their own credit limit: then the key, not the account, is what runs out.
  const keyLimit = /\bkey\b[^]*\blimit\b|\blimit\b[^]*\bkey\b/i.test(info.message ?? '');
  if (keyLimit) {
    const where = ctx.profile.keyUrl ? ` at ${ctx.profile.keyUrl}` : '';
    return {
      kind: 'balance',
      title: 'Key credit limit reached',
      message: `${ctx.profile.label} says this API key's credit limit is too low for the request (402)${said(info)}. Raise the key's limit, or create a key with a higher limit${where}, then retry. Topping up the account alone does not lift a key's limit.`,
      actions: ['retry', 'copyDiagnostics'],
    };
  }
  const where = ctx.profile.topUpUrl ? ` Top up at ${ctx.profile.topUpUrl}, then retry.` : ' Add credit with the provider, then retry.';
  const init: StepErrorInit = {
    kind: 'balance',
    title: 'Balance used up',
    message: `${ctx.profile.label} says the account balance is not enough for this request (402)${said(info)}.${where}`,
    actions: ctx.profile.topUpUrl ? ['openTopUp', 'retry', 'copyDiagnostics'] : ['retry', 'copyDiagnostics'],
  };
  if (ctx.profile.topUpUrl) init.topUpUrl = ctx.profile.topUpUrl;
  return init;
}

export function statusError(status: number, info: BodyInfo, ctx: ErrorContext, tiers: Readonly<Record<Tier, TierLimits>>): StepErrorInit {
  const label = ctx.profile.label;
  switch (status) {
    case 400:
    case 413:
    case 422:
      return badRequest(info, ctx);
    case 401:
    case 403:
      return unauthorized(status, info, ctx);
    case 402:
      return balance(info, ctx);
    case 404:
      return notFound(info, ctx);
    case 408:
      return { kind: 'timeout', title: 'Request timed out', message: `${label} timed out waiting for the request (408)${said(info)}.`, actions: ['retry', 'copyDiagnostics'] };
    case 429:
      return rateLimited(info, ctx, tiers);
    case 451:
      return {
        kind: 'moderation',
        title: 'Blocked by moderation',
        message: `${label} blocked the request or its answer for content moderation (451)${said(info)}. Rephrase or remove the flagged content; retrying unchanged will not help.`,
        actions: ['copyDiagnostics'],
      };
    case 503:
      return { kind: 'overloaded', title: 'Service overloaded', message: `${label} is overloaded (503)${said(info)}. Retrying shortly usually works.`, retryable: true, actions: ['retry', 'copyDiagnostics'] };
    case 504:
      return { kind: 'gateway-timeout', title: 'Gateway timeout', message: `${label}'s gateway timed out (504)${said(info)}.`, retryable: true, actions: ['retry', 'copyDiagnostics'] };
    default:
      if (status >= 500) {
        return { kind: 'server', title: 'Server error', message: `${label} had an internal error (${status})${said(info)}.`, retryable: status === 500, actions: ['retry', 'copyDiagnostics'] };
      }
      return { kind: 'bad-request', title: 'Request rejected', message: `${label} answered ${status}${said(info)}.`, actions: ['copyDiagnostics'] };
  }
}
