import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { ChunkedJson, ChunkedJsonWriter } from './chunked-json';

async function bytesOf(payload: Buffer | Readable): Promise<Buffer> {
  if (Buffer.isBuffer(payload)) return payload;
  const parts: Buffer[] = [];
  for await (const part of payload) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

/** Young objects, enough for at least one scavenge with the shipped --max-semi-space-size=2. */
function churn(): void {
  let keep: object[] = [];
  for (let i = 0; i < 2_000_000; i++) {
    keep.push({ i });
    if (keep.length > 1000) keep = [];
  }
}

describe('ChunkedJson — a response body as UTF-8 Buffers', () => {
  it('a small body is one Buffer from the shared pool; release() leaves it (and its pool) alone', async () => {
    const w = new ChunkedJsonWriter();
    w.write('{"a":"ü"}');
    const body = w.finish();
    expect(body.chunks).toHaveLength(1);
    expect(body.byteLength).toBe(Buffer.byteLength('{"a":"ü"}'));
    const payload = body.payload();
    body.release();
    expect((await bytesOf(payload)).toString('utf8')).toBe('{"a":"ü"}');
  });

  it('a large body is several Buffers, each owning its memory, streamed in order', async () => {
    const w = new ChunkedJsonWriter();
    const parts: string[] = [];
    for (let i = 0; i < 20_000; i++) parts.push(`{"value":"${i}","display":"Zoë ${i}"},`);
    for (const part of parts) w.write(part);
    const body = w.finish();
    const text = parts.join('');
    expect(body.chunks.length).toBeGreaterThan(5);
    expect(body.byteLength).toBe(Buffer.byteLength(text));
    for (const chunk of body.chunks.slice(0, -1)) {
      expect(chunk.byteOffset).toBe(0);
      expect(chunk.buffer.byteLength).toBe(chunk.length);
    }
    expect((await bytesOf(body.payload())).toString('utf8')).toBe(text);
  });

  it('release() frees the memory of the large Buffers now, not at the next full GC, and only once', () => {
    const w = new ChunkedJsonWriter();
    for (let i = 0; i < 4_000; i++) w.write('x'.repeat(1000));
    const body = w.finish();
    expect(body.byteLength).toBe(4_000_000);
    churn();
    const held = process.memoryUsage().arrayBuffers;
    body.release();
    body.release();
    expect(body.chunks.every((chunk) => chunk.length === 0)).toBe(true); // detached
    churn();
    expect(held - process.memoryUsage().arrayBuffers).toBeGreaterThanOrEqual(3_900_000);
  });

  it('append() takes over another writer’s Buffers and pending text', () => {
    const a = new ChunkedJsonWriter();
    const b = new ChunkedJsonWriter();
    a.write('[');
    b.write('y'.repeat(70_000));
    b.write('z');
    a.append(b);
    a.write(']');
    const body = a.finish();
    expect(Buffer.concat(body.chunks).toString()).toBe(`[${'y'.repeat(70_000)}z]`);
  });

  it('releaseWhenSent: nothing is freed while the client has not read the body; all of it once sent', async () => {
    const w = new ChunkedJsonWriter();
    for (let i = 0; i < 8_000; i++) w.write(`"${String(i).padStart(998, '.')}"`); // 8 MB: beyond any socket buffer
    const body: ChunkedJson = w.finish();
    const expected = Buffer.concat(body.chunks);
    let finished = false;
    const server = createServer((_req, res) => {
      res.setHeader('content-length', String(body.byteLength));
      body.releaseWhenSent(res);
      res.once('finish', () => (finished = true));
      void pipeline(body.payload() as Readable, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await new Promise<IncomingMessage>((resolve, reject) => request({ port, host: '127.0.0.1' }, resolve).on('error', reject).end());
      res.pause();
      await new Promise((resolve) => setTimeout(resolve, 200)); // the server fills the socket and waits
      expect(finished).toBe(false);
      expect(body.chunks.every((chunk) => chunk.length > 0)).toBe(true);
      const received: Buffer[] = [];
      for await (const part of res) received.push(part as Buffer);
      expect(Buffer.concat(received).equals(expected)).toBe(true);
      await new Promise((resolve) => setImmediate(resolve));
      expect(finished).toBe(true);
      expect(body.chunks.every((chunk) => chunk.length === 0)).toBe(true);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
