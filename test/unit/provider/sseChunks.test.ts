import * as assert from 'assert';
import { APIError } from 'openai';
import { chunkBatches } from '../../../src/core/provider/sseChunks';

const encoder = new TextEncoder();

/** A 200 response whose body arrives as exactly these reads. */
function responseOf(reads: Array<string | Uint8Array>, headers: Record<string, string> = {}): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const read of reads) controller.enqueue(typeof read === 'string' ? encoder.encode(read) : read);
      controller.close();
    },
  });
  return new Response(body, { status: 200, headers });
}

async function readAll(response: Response, controller = new AbortController()): Promise<{ chunks: unknown[]; batches: number }> {
  const chunks: unknown[] = [];
  let batches = 0;
  for await (const batch of chunkBatches(response, controller)) {
    batches++;
    chunks.push(...batch);
  }
  return { chunks, batches };
}

const frame = (n: number) => `data: {"n":${n},"text":"héllo ✓ ${n}"}\n\n`;

describe('chunkBatches (the stream body reader)', () => {
  it('returns every chunk of one large read, in order, as one batch', async () => {
    const { chunks, batches } = await readAll(responseOf([Array.from({ length: 5000 }, (_, i) => frame(i)).join('')]));
    assert.strictEqual(batches, 1);
    assert.strictEqual(chunks.length, 5000);
    assert.deepStrictEqual(chunks[4999], { n: 4999, text: 'héllo ✓ 4999' });
    assert.ok(chunks.every((c, i) => (c as { n: number }).n === i));
  });

  it('reads the same chunks whatever the read boundaries, multi-byte characters split included', async () => {
    const bytes = encoder.encode(Array.from({ length: 40 }, (_, i) => frame(i)).join(''));
    const whole = (await readAll(responseOf([bytes]))).chunks;
    for (const size of [1, 2, 3, 7, 64]) {
      const reads: Uint8Array[] = [];
      for (let at = 0; at < bytes.length; at += size) reads.push(bytes.slice(at, at + size));
      assert.deepStrictEqual((await readAll(responseOf(reads))).chunks, whole, `reads of ${size} bytes`);
    }
  });

  it('accepts CRLF and CR line ends, skips comments and unnamed fields, and stops at [DONE]', async () => {
    const body = [': keepalive\r\n\r\n', 'data: {"a":1}\r\n\r\n', ': OPENROUTER PROCESSING\n\n', 'data: {"b":2}\r\r', 'id: 7\nretry: x\ndata: {"c":3}\n\n', 'data: [DONE]\n\n', 'data: {"late":true}\n\n'];
    assert.deepStrictEqual((await readAll(responseOf(body))).chunks, [{ a: 1 }, { b: 2 }, { c: 3 }]);
  });

  it('joins a chunk written over several data lines, as SSE defines', async () => {
    assert.deepStrictEqual((await readAll(responseOf(['data: {"a":\ndata: 1}\n\n']))).chunks, [{ a: 1 }]);
  });

  it('hands over the chunks before an error frame, then throws it as the SDK would (status undefined)', async () => {
    const got: unknown[] = [];
    const response = responseOf([frame(1) + frame(2) + 'data: {"error":{"message":"GPU fell over","type":"server_error"}}\n\n' + frame(3)], { 'x-trace-id': 't-1' });
    await assert.rejects(
      (async () => {
        for await (const batch of chunkBatches(response, new AbortController())) got.push(...batch);
      })(),
      (error: unknown) => {
        assert.ok(error instanceof APIError);
        assert.strictEqual(error.status, undefined);
        assert.match(error.message, /GPU fell over/);
        assert.strictEqual(error.headers?.get('x-trace-id'), 't-1');
        return true;
      },
    );
    assert.deepStrictEqual(
      got.map((c) => (c as { n: number }).n),
      [1, 2],
    );
  });

  it('throws a SyntaxError for a chunk that is not JSON, after the good ones', async () => {
    const got: unknown[] = [];
    await assert.rejects(
      (async () => {
        for await (const batch of chunkBatches(responseOf([frame(1) + 'data: {"cut\n\n']), new AbortController())) got.push(...batch);
      })(),
      SyntaxError,
    );
    assert.strictEqual(got.length, 1);
  });

  it('drops a last chunk with no blank line after it, as the SDK does (the turn then reports a cut stream)', async () => {
    assert.deepStrictEqual((await readAll(responseOf([frame(1) + 'data: {"n":2}']))).chunks, [{ n: 1, text: 'héllo ✓ 1' }]);
  });

  it('ends quietly when the request is aborted mid-body, and aborts the request when the reader stops early', async () => {
    const controller = new AbortController();
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(stream) {
        pulls++;
        if (pulls === 1) stream.enqueue(encoder.encode(frame(1)));
        else stream.error(new DOMException('This operation was aborted', 'AbortError'));
      },
    });
    const seen: unknown[] = [];
    for await (const batch of chunkBatches(new Response(body), controller)) {
      seen.push(...batch);
      controller.abort();
    }
    assert.strictEqual(seen.length, 1);

    const early = new AbortController();
    for await (const batch of chunkBatches(responseOf([frame(1), frame(2)]), early)) {
      assert.strictEqual(batch.length, 1);
      break;
    }
    assert.strictEqual(early.signal.aborted, true);
  });

  it('says so when a 200 has no body at all', async () => {
    const controller = new AbortController();
    await assert.rejects(readAll(new Response(null, { status: 200 }), controller), /no body/);
    assert.strictEqual(controller.signal.aborted, true);
  });
});
