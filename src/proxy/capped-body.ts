import type { Readable } from 'node:stream';

/** The start of a body, read until it ended or went past a cap. */
export interface CappedRead {
  /** Every chunk read: past the cap, the last one crosses it. */
  readonly chunks: readonly Buffer[];
  readonly size: number;
  /** The body ended within the cap: `chunks` are all of it. */
  readonly whole: boolean;
}

/**
 * Reads `stream` until it ends or holds more than `cap` bytes, and no further: past the cap the stream is paused
 * with the rest unread, for `resumed` to stream on. What is buffered is bounded by the cap and one chunk. Rejects
 * when `signal` aborts (the exchange's deadline: a client that stalls mid-body does not hold the proxy past it).
 * (Events, not an async iterator: this runs on every exchange, and the iterator costs a promise per chunk.)
 */
export function readUpTo(stream: Readable, cap: number, signal?: AbortSignal): Promise<CappedRead> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (outcome: () => void) => {
      stream.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      signal?.removeEventListener('abort', onAbort);
      outcome();
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size > cap) {
        stream.pause();
        settle(() => resolve({ chunks, size, whole: false }));
      }
    };
    const onEnd = () => settle(() => resolve({ chunks, size, whole: true }));
    const onError = (error: Error) => settle(() => reject(error));
    // A stream destroyed without an error (a client that went away) never ends: it is cut.
    const onClose = () => settle(() => reject(Object.assign(new Error('the body was cut short'), { code: 'ECONNRESET' })));
    const onAbort = () => settle(() => reject(Object.assign(new Error('the body was not whole in time'), { name: 'AbortError', code: 'ABORT_ERR' })));
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    stream.on('data', onData).once('end', onEnd).once('error', onError).once('close', onClose);
  });
}

/**
 * A body passed on as it comes, never held back: the chunks up to the cap are kept aside on the way (for a
 * recording), as `readUpTo` would have read them.
 */
export class BodyTap {
  private readonly chunks: Buffer[] = [];
  private size = 0;

  constructor(private readonly cap: number) {}

  /** What went through so far, as a capped read. */
  get read(): CappedRead {
    return { chunks: this.chunks, size: this.size, whole: this.size <= this.cap };
  }

  async *through(stream: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of stream) {
      if (this.size <= this.cap) this.chunks.push(chunk);
      this.size += chunk.length;
      yield chunk;
    }
  }
}

/** The bytes read, up to `cap`: what is validated and recorded of the body. */
export function headOf(read: CappedRead, cap: number): Buffer {
  const bytes = read.chunks.length === 1 ? read.chunks[0]! : Buffer.concat(read.chunks as Buffer[], read.size);
  return bytes.length > cap ? bytes.subarray(0, cap) : bytes;
}

/**
 * The whole body again: the chunks already read, then the rest of the stream (each of its chunks told to
 * `counted`). Ending early (a consumer that stops, an error) destroys the stream, so the connection it reads
 * from is let go.
 */
export async function* resumed(read: CappedRead, stream: Readable, counted?: (bytes: number) => void): AsyncGenerator<Buffer> {
  let finished = false;
  try {
    yield* read.chunks;
    for await (const chunk of stream) {
      counted?.((chunk as Buffer).length);
      yield chunk as Buffer;
    }
    finished = true;
  } finally {
    if (!finished) stream.destroy();
  }
}
