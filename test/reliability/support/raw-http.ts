import net from 'node:net';

export interface RawResponse {
  /** Status of each HTTP response found in the bytes (more than one would mean a smuggled request was served). */
  statuses: number[];
  headers: string;
  body: any;
  text: string;
  ms: number;
  /** The server closed the connection. */
  closed: boolean;
}

/**
 * Sends raw bytes (any header, any framing, any encoding) and reads until the server closes the
 * connection or `waitMs` passes. For requests that node:http refuses to build.
 */
export function rawRequest(port: number, bytes: Buffer, waitMs = 5_000, localAddress?: string): Promise<RawResponse> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = net.connect({ port, host: '127.0.0.1', localAddress });
    const chunks: Buffer[] = [];
    let closed = false;
    const finish = () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('latin1');
      // Final responses only (a 100 Continue precedes the real answer).
      const statuses = [...text.matchAll(/HTTP\/1\.[01] (\d{3})/g)].map((m) => Number(m[1])).filter((st) => st >= 200);
      const [headers, ...rest] = text.replace(/^HTTP\/1\.1 100 Continue\r\n\r\n/, '').split('\r\n\r\n');
      let body: unknown;
      try { body = JSON.parse(Buffer.from(rest.join('\r\n\r\n'), 'latin1').toString('utf8')); } catch { body = undefined; }
      socket.destroy();
      resolve({ statuses, headers, body, text, ms: performance.now() - started, closed });
    };
    const timer = setTimeout(finish, waitMs);
    socket.on('connect', () => socket.write(bytes));
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => undefined);
    socket.on('close', () => { closed = true; finish(); });
  });
}

/** A request with CRLF framing; `body` gets a matching Content-Length unless the headers set framing. */
export function buildRequest(method: string, target: string, headers: Array<[string, string]>, body?: Buffer | string): Buffer {
  const payload = body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  const framed = headers.some(([k]) => /^(content-length|transfer-encoding)$/i.test(k));
  // A name starting with "!" is sent as a raw line (a header line without a colon).
  const lines = [`${method} ${target} HTTP/1.1`, ...headers.map(([k, v]) => (k.startsWith('!') ? k.slice(1) : `${k}: ${v}`))];
  if (body !== undefined && !framed) lines.push(`Content-Length: ${payload.length}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), payload]);
}
