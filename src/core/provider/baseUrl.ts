/**
 * Base URL normalization. Users paste URLs from docs, dashboards and READMEs in
 * every shape (trailing slashes, missing /v1, a full /chat/completions path), and
 * a wrong base URL otherwise surfaces as a puzzling 404 far from the setting.
 */
import type { ProviderId } from './profiles';

export type BaseUrlResult = { ok: true; url: string } | { ok: false; message: string };

const STEPFUN_HOSTS = new Set(['api.stepfun.ai', 'api.stepfun.com']);
const ENDPOINT_SUFFIXES = ['/chat/completions', '/completions', '/models', '/files'];

export function normalizeBaseUrl(raw: string, id: ProviderId): BaseUrlResult {
  const trimmed = raw.trim();
  if (!trimmed) {
    return { ok: false, message: id === 'custom' ? 'Set a base URL for the custom endpoint, e.g. http://127.0.0.1:8000/v1.' : 'The base URL is empty.' };
  }
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    return { ok: false, message: `The base URL "${trimmed}" has no scheme: write it as http://… or https://….` };
  }
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return { ok: false, message: `The base URL "${trimmed}" is not a valid URL.` };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { ok: false, message: `The base URL must use http or https, not ${parsed.protocol.replace(/:$/, '')}.` };
  }
  if (parsed.username || parsed.password) {
    // Credentials in a URL end up in logs and diagnostics; the key belongs in the key store.
    return { ok: false, message: 'The base URL contains a user name or password. Remove it and use "Set API Key" instead.' };
  }
  if (parsed.search) {
    return { ok: false, message: `The base URL must not have a query string ("${parsed.search}").` };
  }
  if (parsed.hash) {
    return { ok: false, message: `The base URL must not have a fragment ("${parsed.hash}").` };
  }
  let path = parsed.pathname.replace(/\/+$/, '');
  for (const suffix of ENDPOINT_SUFFIXES) {
    if (path.endsWith(suffix)) path = path.slice(0, -suffix.length);
  }
  const host = parsed.hostname.toLowerCase();
  if (STEPFUN_HOSTS.has(host) && path === '') path = '/v1';
  if (host === 'openrouter.ai' && (path === '' || path === '/api')) path = '/api/v1';
  return { ok: true, url: `${parsed.protocol}//${parsed.host}${path}` };
}
