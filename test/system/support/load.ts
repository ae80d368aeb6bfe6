import { HttpResult } from './http';

export interface Sample {
  /** ms since the load started */
  at: number;
  status: number | 'error';
  ms: number;
  retryAfter?: string;
  body?: any;
  error?: string;
}

export interface Load {
  samples: Sample[];
  /** Stops sending and waits for every request already sent. */
  stop(): Promise<Sample[]>;
}

/**
 * Open-loop load: one request every `intervalMs` whether or not earlier ones answered, the way
 * Entra keeps sending while we are slow. Every request carries its own client timeout, so the
 * load always ends.
 */
export function startLoad(send: (i: number) => Promise<HttpResult>, intervalMs: number, t0 = performance.now()): Load {
  const samples: Sample[] = [];
  const pending = new Set<Promise<void>>();
  let i = 0;
  const timer = setInterval(() => {
    const at = performance.now() - t0;
    const p: Promise<void> = send(i++).then(
      (r) => void samples.push({ at, status: r.status, ms: r.ms, retryAfter: r.headers['retry-after'] as string | undefined, body: r.json }),
      (e: Error) => void samples.push({ at, status: 'error', ms: performance.now() - t0 - at, error: e.message }),
    ).finally(() => pending.delete(p));
    pending.add(p);
  }, intervalMs);
  return {
    samples,
    stop: async () => {
      clearInterval(timer);
      await Promise.all([...pending]);
      return samples.sort((a, b) => a.at - b.at);
    },
  };
}
