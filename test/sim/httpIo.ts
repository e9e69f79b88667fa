/** Small HTTP helpers shared by the simulator's endpoints. */
import type { IncomingMessage, ServerResponse } from 'http';

export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`request body exceeds ${limit} bytes`);
  }
}

/** Reads the whole body, refusing (without buffering further) once it passes `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        req.resume();
        reject(new BodyTooLarge(limit));
        return;
      }
      parts.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(parts, size));
    });
    req.on('error', (err) => {
      if (!done) reject(err);
      done = true;
    });
  });
}

export function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed || res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Resolves after `ms`, or early when `signal` aborts (the client went away or the simulator closed). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Writes and waits for 'drain' when the socket buffer is full, so big streams respect backpressure. */
export function writeRespecting(res: ServerResponse, data: string, signal: AbortSignal): Promise<void> {
  if (res.write(data) || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    res.on('drain', done);
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * Writes `data` in pieces of at most `pieceBytes` bytes, each flushed on its own turn of the event loop, so a
 * client reads a stream split at arbitrary places (inside a UTF-8 character, a JSON string, an SSE line).
 * Without `pieceBytes` it is one write that respects backpressure.
 */
export async function writeSplit(res: ServerResponse, data: string, pieceBytes: number | undefined, signal: AbortSignal): Promise<void> {
  if (!pieceBytes || pieceBytes <= 0) return writeRespecting(res, data, signal);
  const bytes = Buffer.from(data, 'utf8');
  for (let at = 0; at < bytes.length && !signal.aborted; at += pieceBytes) {
    if (res.destroyed) return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        signal.removeEventListener('abort', done);
        resolve();
      };
      signal.addEventListener('abort', done, { once: true });
      res.write(bytes.subarray(at, at + pieceBytes), done);
    });
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
