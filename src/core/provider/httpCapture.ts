/**
 * A fetch wrapper that keeps the raw body of error responses. openai-node v6 only
 * keeps `body.error`, so vLLM's top-level `{"object":"error","message":…}` and a
 * proxy's HTML page would otherwise reach the user as "400 status code (no body)".
 * Bodies are keyed by the response's Headers object, which the SDK hands to APIError.
 */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

const MAX_KEPT_BODY = 8192;

export interface CapturingFetch {
  fetch: FetchLike;
  bodyFor(headers: Headers | undefined): string | undefined;
}

export function capturingFetch(inner: FetchLike = (input, init) => fetch(input, init)): CapturingFetch {
  const bodies = new WeakMap<Headers, string>();
  return {
    async fetch(input, init) {
      const response = await inner(input, init);
      if (!response.ok) {
        const text = await response
          .clone()
          .text()
          .catch(() => '');
        bodies.set(response.headers, text.slice(0, MAX_KEPT_BODY));
      }
      return response;
    },
    bodyFor(headers) {
      return headers ? bodies.get(headers) : undefined;
    },
  };
}

/** The trace id a provider puts on a response, in order of usefulness to its support team. */
export function traceIdFrom(headers: Headers | undefined | null): string | undefined {
  if (!headers) return undefined;
  return headers.get('x-trace-id') ?? headers.get('x-generation-id') ?? headers.get('x-request-id') ?? undefined;
}
