import { Readable, type Writable } from 'node:stream';

/**
 * Text is encoded into a new Buffer once this many characters are pending: small enough that a
 * large body never exists as one string (a 50,000-member group is ~9 MB of JSON), large enough
 * that a small resource is one Buffer and the socket gets few, large writes.
 */
const CHUNK_CHARS = 64 * 1024;

/** Chunks from this size on get an ArrayBuffer of their own, released after the response. */
const OWN_BUFFER_BYTES = 4096;

/**
 * A JSON response body held as UTF-8 Buffers. Buffers live outside the V8 heap, so a large body
 * does not grow the heap's old generation (which V8 keeps reserved long after the request).
 *
 * Once the response has been written to the socket, `release()` frees the Buffers' memory at once
 * instead of at the next full GC. A large body is rendered over hundreds of milliseconds, so its
 * Buffers' small JS handles are promoted to the old generation, and V8 runs a full GC for external
 * memory only past a soft limit of 64 MB above the last one: without the release, each full GET
 * of a 50,000-member group (≈ 10 MB) stayed resident until then (docs/BENCHMARKS.md, "Memory").
 */
export class ChunkedJson {
  private released = false;

  constructor(
    readonly chunks: Buffer[],
    readonly byteLength: number,
  ) {}

  /** What Fastify sends: the Buffer itself when there is one, else a stream over the Buffers. */
  payload(): Buffer | Readable {
    if (this.chunks.length === 1) return this.chunks[0];
    const chunks = this.chunks;
    let next = 0;
    return new Readable({
      read() {
        if (next === chunks.length) return void this.push(null);
        this.push(chunks[next++]);
      },
    });
  }

  /**
   * Frees the Buffers once `res` has handed its last byte to the operating system ('finish').
   * A response that never finishes (the client went away) leaves them to the garbage collector:
   * the socket may still hold them.
   */
  releaseWhenSent(res: Writable): void {
    res.once('finish', () => this.release());
  }

  /**
   * Frees the Buffers' memory now; only once the socket no longer needs the bytes (see
   * releaseWhenSent). Each Buffer of 4 KiB or more owns its ArrayBuffer (ChunkedJsonWriter.flush):
   * transferring it to a clone that nobody keeps detaches it here, and the clone, being young, is
   * collected by the next scavenge with its memory (ArrayBuffer.prototype.transfer would say this
   * directly; it needs Node 21). Smaller ones are slices of Node's shared pool and are left alone.
   */
  release(): void {
    if (this.released) return;
    this.released = true;
    for (const chunk of this.chunks) {
      const owned = chunk.buffer;
      if (chunk.byteOffset === 0 && owned.byteLength === chunk.length && chunk.length >= OWN_BUFFER_BYTES) {
        structuredClone(owned, { transfer: [owned as ArrayBuffer] });
      }
    }
  }
}

/** Collects JSON text and encodes it into ~64 KiB Buffers as it grows; see ChunkedJson. */
export class ChunkedJsonWriter {
  private readonly chunks: Buffer[] = [];
  private pending = '';
  private bytes = 0;

  write(text: string): void {
    this.pending += text;
    if (this.pending.length >= CHUNK_CHARS) this.flush();
  }

  /**
   * Appends what another writer holds: its Buffers are taken over, not copied, and its pending
   * text joins this one's (so many small sections, e.g. the groups of a list page, still make
   * few Buffers). The other writer must not be used afterwards.
   */
  append(other: ChunkedJsonWriter): void {
    if (other.chunks.length > 0) {
      this.flush();
      for (const chunk of other.chunks) this.chunks.push(chunk);
      this.bytes += other.bytes;
    }
    this.write(other.pending);
  }

  finish(): ChunkedJson {
    this.flush();
    return new ChunkedJson(this.chunks, this.bytes);
  }

  private flush(): void {
    if (this.pending === '') return;
    // From 4 KiB on, its own ArrayBuffer, which ChunkedJson.release() can free; a smaller one is
    // a slice of Node's shared pool (Buffer.from), never detached, and freed with the pool.
    const bytes = Buffer.byteLength(this.pending, 'utf8');
    let chunk: Buffer;
    if (bytes < OWN_BUFFER_BYTES) chunk = Buffer.from(this.pending, 'utf8');
    else {
      chunk = Buffer.allocUnsafeSlow(bytes);
      chunk.write(this.pending, 0, 'utf8');
    }
    this.pending = '';
    this.chunks.push(chunk);
    this.bytes += chunk.length;
  }
}
