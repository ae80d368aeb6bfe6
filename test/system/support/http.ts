import http from 'node:http';
import net from 'node:net';

export interface HttpResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** Parsed JSON body, or undefined. */
  json: any;
  ms: number;
}

export interface HttpOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  agent?: http.Agent | false;
  /** Client-side deadline: the request fails (rejects) past it, so no test can hang on one. */
  timeoutMs?: number;
}

/** One HTTP request with node:http (explicit agents: the shutdown specs need to control keep-alive). */
export function httpRequest(url: string, opts: HttpOptions = {}): Promise<HttpResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: opts.method ?? 'GET', headers: opts.headers, agent: opts.agent ?? false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json, ms: performance.now() - started });
      });
    });
    req.setTimeout(opts.timeoutMs ?? 30_000, () => req.destroy(new Error(`client timeout after ${opts.timeoutMs ?? 30_000} ms: ${url}`)));
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** A free TCP port on loopback (bound, read, released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const SCIM_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** The shape RFC 7644 §3.12 requires: the Error schema and the status as a string. */
export function expectScimError(res: HttpResult, status: number): void {
  expect(res.status).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/^application\/scim\+json/);
  expect(res.json?.schemas).toEqual([SCIM_ERROR]);
  expect(res.json?.status).toBe(String(status));
}
