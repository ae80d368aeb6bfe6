import { Readable } from 'node:stream';

/**
 * Text is encoded into a new Buffer once this many characters are pending: small enough that a
 * large body never exists as one string (a 50,000-member group is ~9 MB of JSON), large enough
 * that a small resource is one Buffer and the socket gets few, large writes.
 */
const CHUNK_CHARS = 64 * 1024;

/**
 * A JSON response body held as UTF-8 Buffers. Buffers live outside the V8 heap, so a large body
 * does not grow the heap's old generation (which V8 keeps reserved long after the request); the
 * stream hands each Buffer to the socket and lets it go.
 */
export class ChunkedJson {
  constructor(
    readonly chunks: Buffer[],
    readonly byteLength: number,
  ) {}

  /**
   * What Fastify sends: the Buffer itself when there is one, else a stream over the Buffers.
   * Call once: the stream releases each Buffer as it hands it to the socket.
   */
  payload(): Buffer | Readable {
    if (this.chunks.length === 1) return this.chunks[0];
    const chunks = this.chunks;
    let next = 0;
    return new Readable({
      read() {
        if (next === chunks.length) return void this.push(null);
        const chunk = chunks[next];
        // Dropped from the array once handed over, so memory is released as the client reads.
        chunks[next++] = EMPTY;
        this.push(chunk);
      },
    });
  }
}

const EMPTY = Buffer.alloc(0);

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
    const chunk = Buffer.from(this.pending, 'utf8');
    this.pending = '';
    this.chunks.push(chunk);
    this.bytes += chunk.length;
  }
}
