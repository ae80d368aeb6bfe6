// The load generator: undici keep-alive pools, closed-loop workers, Entra's query encoding.
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';

const SCIM_JSON = 'application/scim+json; charset=utf-8';

/** `filter=userName+eq+%22…%22`: spaces as `+`, quotes as %22, as Entra sends them (entra-scim.md §3). */
export function entraQuery(params) {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v)).replace(/%20/g, '+')}`)
    .join('&');
}

/** One SCIM endpoint (the Tenant URL) with its bearer token, over a keep-alive pool. */
export class ScimClient {
  constructor(tenantUrl, token, connections) {
    const u = new URL(tenantUrl);
    if (u.hostname !== '127.0.0.1') throw new Error(`the benchmark only sends traffic to 127.0.0.1, not ${u.hostname}`);
    this.prefix = u.pathname.replace(/\/+$/, '');
    this.pool = new Pool(u.origin, { connections, pipelining: 1, keepAliveTimeout: 60_000, headersTimeout: 120_000, bodyTimeout: 120_000 });
    this.auth = `Bearer ${token}`;
  }

  /**
   * Sends one request and reads the whole response. Entra's headers: bearer token, SCIM JSON
   * content type on bodies, no Accept, no User-Agent.
   */
  async send(method, path, body) {
    const headers = { authorization: this.auth };
    let payload;
    if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] = SCIM_JSON;
    }
    const t0 = performance.now();
    const res = await this.pool.request({ method, path: `${this.prefix}${path}`, headers, body: payload });
    const text = await res.body.text();
    const ms = performance.now() - t0;
    let json;
    if (text) {
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
    }
    return { status: res.statusCode, headers: res.headers, json, text, ms };
  }

  close() {
    return this.pool.close();
  }
}

/**
 * Sends a request and records it: an unexpected status (or a transport failure) is an error, the
 * latency of an expected one is recorded. Returns the response, or undefined on error.
 */
export async function call(client, rec, method, path, body, expectStatus, type) {
  let r;
  try {
    r = await client.send(method, path, body);
  } catch (e) {
    rec.error(`${method} ${path.slice(0, 80)}: ${e.code ?? e.message}`);
    return undefined;
  }
  if (r.status !== expectStatus) {
    rec.error(`${method} ${path.slice(0, 80)}: status ${r.status} (expected ${expectStatus}) ${r.text.slice(0, 160)}`);
    return undefined;
  }
  rec.ok(r.ms, type);
  return r;
}

/** Runs `work(item)` over `items` with `concurrency` closed-loop workers; returns the wall time in ms. */
export async function runWorkers(items, concurrency, work) {
  let next = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return performance.now() - t0;
}
