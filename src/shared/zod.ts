/**
 * zod for every shared schema. zod would probe `new Function` to JIT its parsers;
 * the webview's CSP forbids eval, so the probe would log a violation on every load.
 * zod reads the switch when a schema is built, so it is set here, before any is.
 * Parsing without JIT is fast enough here (webview/fastPath.ts handles the hot message).
 */
import { z } from 'zod';

z.config({ jitless: true });

export { z };
