/**
 * A fetch that hands the client every response body in pieces of at most `pieceBytes`
 * bytes, so the parser meets SSE lines, JSON strings and UTF-8 characters split at
 * arbitrary places, deterministically (TCP may merge the simulator's small writes).
 */
import type { FetchLike } from '../../../src/core/provider/httpCapture';

export function splitFetch(pieceBytes: number): FetchLike {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (!response.body) return response;
    const reader = response.body.getReader();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) {
          controller.close();
          return;
        }
        for (let at = 0; at < value.length; at += pieceBytes) controller.enqueue(value.slice(at, at + pieceBytes));
      },
      cancel: (reason) => reader.cancel(reason),
    });
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
