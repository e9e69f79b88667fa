import { randomBytes } from 'crypto';

export interface WebviewHtmlParts {
  cspSource: string;
  scriptUri: string;
  styleUris: string[];
  /** The chunks the script imports (see `entryImports`), fetched alongside it rather than after it has arrived. */
  modulePreloadUris?: string[];
}

/**
 * The files the webview's entry module imports statically, relative to it, read from its source: the chunks that
 * hold the chat's shell (scripts/build.mjs splits the bundle). Without a hint the browser learns of them only once
 * the entry has arrived and been parsed, one more round trip before the first paint.
 */
export function entryImports(entrySource: string): string[] {
  const specifiers = [...entrySource.matchAll(/(?:^|[;}\s])(?:import|from)\s*"(\.\/[^"]+\.js)"/g)].map((match) => match[1]);
  return [...new Set(specifiers)];
}

/** A fresh nonce per render: the only script allowed to run is the one that carries it. */
export function createNonce(): string {
  return randomBytes(18).toString('base64url');
}

/**
 * The chat's HTML. The CSP allows no inline script and no eval; images only
 * from the extension, data: and blob: (pasted screenshots). Model output is
 * inserted by the webview after sanitizing, never through this template.
 */
export function renderWebviewHtml(parts: WebviewHtmlParts, nonce = createNonce()): string {
  const csp = [
    "default-src 'none'",
    `img-src ${parts.cspSource} data: blob:`,
    `media-src ${parts.cspSource} blob:`,
    // The toolkit (FAST) inserts one <style> probe; it carries the nonce read from the csp-nonce meta tag.
    `style-src ${parts.cspSource} 'nonce-${nonce}'`,
    `font-src ${parts.cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "connect-src 'none'",
    "frame-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const styles = parts.styleUris.map((href) => `<link rel="stylesheet" href="${href}">`).join('\n    ');
  // A module preload is a script fetch: it carries the nonce like the script itself.
  const preloads = (parts.modulePreloadUris ?? []).map((href) => `\n    <link rel="modulepreload" nonce="${nonce}" href="${href}">`).join('');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${csp}">
    <meta property="csp-nonce" content="${nonce}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    ${styles}${preloads}
    <title>Step Flash Chat</title>
  </head>
  <body>
    <main id="app" aria-label="Step Flash chat"></main>
    <script type="module" nonce="${nonce}" src="${parts.scriptUri}"></script>
  </body>
</html>`;
}
