import net from 'node:net';

export interface RawOutcome {
  /** Everything the server wrote before closing. */
  response: string;
  /** ms from connect to the server closing the connection. */
  closedAfterMs: number;
}

/**
 * A slow client: sends `head` at once, then one byte of `drip` every `dripEveryMs`, until the
 * server closes the connection (or `giveUpMs` passes, which fails the caller's expectations).
 */
export function slowClient(port: number, head: string, drip: string, dripEveryMs: number, giveUpMs: number): Promise<RawOutcome> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let i = 0;
    let timer: NodeJS.Timeout | undefined;
    const giveUp = setTimeout(() => {
      socket.destroy();
      reject(new Error(`server kept a slow client for more than ${giveUpMs} ms`));
    }, giveUpMs);
    socket.on('connect', () => {
      socket.write(head);
      timer = setInterval(() => {
        if (socket.writable) socket.write(drip[i++ % drip.length]);
      }, dripEveryMs);
    });
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => undefined); // EPIPE/ECONNRESET once the server hangs up
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      resolve({ response: Buffer.concat(chunks).toString('utf8'), closedAfterMs: performance.now() - started });
    });
  });
}

/** Status line and JSON body of a raw HTTP/1.1 response. */
export function parseRaw(response: string): { status: number; headers: string; body: any } {
  const [head, ...rest] = response.split('\r\n\r\n');
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
  let body: unknown;
  try { body = JSON.parse(rest.join('\r\n\r\n')); } catch { body = undefined; }
  return { status, headers: head, body };
}
