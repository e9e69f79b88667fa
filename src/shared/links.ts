/**
 * Which links the chat may ask the host to open, decided the same way in the webview
 * (before posting openLink) and in the host (before opening): parsed with URL, never
 * matched as text, so `https:javascript:alert(1)` is a link to nowhere, not https.
 */

/** The link to open, normalized; undefined unless it is http(s) with a host or mailto with an address. */
export function openableLink(href: string): string | undefined {
  let url: URL;
  try {
    url = new URL(href.trim());
  } catch {
    return undefined;
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') return url.hostname ? url.href : undefined;
  if (url.protocol === 'mailto:') return url.pathname.includes('@') ? url.href : undefined;
  return undefined;
}
