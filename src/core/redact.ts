/**
 * Removes API keys from text bound for a log, a message or diagnostics.
 * Known keys (the ones in SecretStorage) are replaced wherever they appear;
 * bearer tokens and key-shaped strings are masked even when we never saw them,
 * because servers and proxies echo headers back in error bodies.
 */
const KEY_SHAPES: RegExp[] = [
  /(authorization["']?\s*[:=]\s*["']?bearer\s+)[^\s"',}]+/gi,
  /\bbearer\s+[A-Za-z0-9._~+/=-]{12,}/gi,
  /\bsk-[A-Za-z0-9_-]{12,}/g,
];

export function redactSecrets(text: string, knownSecrets: readonly string[] = []): string {
  let out = text;
  for (const secret of knownSecrets) {
    if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  out = out.replace(KEY_SHAPES[0]!, '$1[redacted]');
  out = out.replace(KEY_SHAPES[1]!, 'Bearer [redacted]');
  out = out.replace(KEY_SHAPES[2]!, 'sk-[redacted]');
  return out;
}
