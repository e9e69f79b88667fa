/**
 * zod for every shared schema: the tree-shakable zod/mini with the English messages,
 * which keeps the webview bundle small (the full zod was over half of it) and validates
 * exactly as the classic chains did. zod would probe `new Function` to JIT its parsers;
 * the webview's CSP forbids eval, so the probe would log a violation on every load.
 * zod reads the switch when a schema is built, so it is set here, before any is.
 * Parsing without JIT is fast enough here (webview/fastPath.ts handles the hot message).
 */
import { config } from 'zod/mini';
import { en } from 'zod/locales';

config({ jitless: true, ...en() });

// Re-exported member by member (import it as a namespace): re-exporting zod's namespace object itself
// would keep every export of it, all locales included, in the bundle.
export * from 'zod/mini';
