/**
 * Reads a streamed chat completion's body into its chunks, in time linear in its length. openai-node's Stream
 * copies the rest of its byte buffer once for every event it cuts off, so one network read that brings n events
 * costs O(n²) bytes copied; reads grow when the host is busy, which made the host's share of a fast stream
 * grow with the load (docs/step-api-notes.md, "openai-node quirks"). The request itself, its retries and its
 * status errors stay the SDK's: this only replaces the reading of a 200 response's body, with the SDK's
 * meaning kept: `[DONE]` ends it, comments are skipped, a chunk with an `error` is an APIError (status
 * undefined), malformed JSON a SyntaxError, and an abort ends it quietly.
 */
import { createParser } from 'eventsource-parser';
import { APIError, OpenAIError } from 'openai';

/**
 * The chunks of each network read, parsed, in order. Stopping early (or failing) aborts the request through
 * `controller`, as the SDK does, so the connection is not left reading.
 */
export async function* chunkBatches(response: Response, controller: AbortController): AsyncGenerator<unknown[]> {
  if (!response.body) {
    controller.abort();
    throw new OpenAIError('The server answered the stream request with no body.');
  }
  let events: string[] = [];
  let done = false;
  const parser = createParser({
    onEvent: ({ data }) => {
      if (done) return;
      if (data.startsWith('[DONE]')) done = true;
      else events.push(data);
    },
  });
  /** Yields a read's chunks; a bad one is thrown after the chunks before it, which still count. */
  async function* flushEvents(): AsyncGenerator<unknown[]> {
    const read = events;
    events = [];
    const batch: unknown[] = [];
    for (const data of read) {
      let chunk: unknown;
      try {
        chunk = parseChunk(data, response.headers);
      } catch (error) {
        if (batch.length) yield batch;
        throw error;
      }
      batch.push(chunk);
    }
    if (batch.length) yield batch;
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let finished = false;
  try {
    for (;;) {
      const { done: ended, value } = await reader.read();
      if (ended) break;
      parser.feed(decoder.decode(value, { stream: true }));
      if (events.length) yield* flushEvents();
    }
    parser.feed(decoder.decode());
    if (events.length) yield* flushEvents();
    finished = true;
  } catch (error) {
    if (controller.signal.aborted) return;
    throw error;
  } finally {
    if (!finished) controller.abort();
    reader.releaseLock();
  }
}

function parseChunk(data: string, headers: Headers): unknown {
  const chunk = JSON.parse(data) as { error?: unknown } | null;
  if (chunk && chunk.error) throw new APIError(undefined, chunk.error as object, undefined, headers);
  return chunk;
}
