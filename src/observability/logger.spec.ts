import { Writable } from 'node:stream';
import fastify from 'fastify';
import { accessLoggerOf, createRootLogger, PinoNestLogger } from './logger';

function capture(level: 'debug' | 'info' = 'debug') {
  const lines: Array<Record<string, any>> = [];
  const sink = new Writable({ write(chunk, _enc, done) { lines.push(JSON.parse(String(chunk))); done(); } });
  return { log: createRootLogger({ logLevel: level }, sink), lines };
}

describe('root logger', () => {
  it('writes JSON lines with an ISO time and a level label', () => {
    const { log, lines } = capture();
    log.info({ route: '/x' }, 'hello');
    expect(lines[0]).toMatchObject({ level: 'info', msg: 'hello', route: '/x', service: 'scimbridge' });
    expect(new Date(lines[0].time).toISOString()).toBe(lines[0].time);
  });

  it('censors credentials and bodies wherever a log call puts them', () => {
    const { log, lines } = capture();
    log.info({ headers: { authorization: 'Bearer s3cret' }, body: { password: 'x' }, req: { headers: { authorization: 'Basic abc' } },
      token: 'tok', client_secret: 'cs', ctx: { token: 'tok2', body: 'b' } }, 'oops');
    const text = JSON.stringify(lines[0]);
    for (const secret of ['s3cret', 'Basic abc', '"tok"', 'tok2', '"cs"', '"b"']) expect(text).not.toContain(secret);
  });

  it("has an access logger, found from Fastify's child of it, writing to the same sink", async () => {
    const { log, lines } = capture('info');
    const app = fastify({ loggerInstance: log });
    const access = accessLoggerOf(app.log as never);
    expect(access).toBeDefined();
    access!.info({ reqId: 'r1', route: '/scim/v2/Users', status: 200 }, 'request');
    expect(lines[0]).toMatchObject({ level: 'info', msg: 'request', reqId: 'r1', service: 'scimbridge' });
    expect(accessLoggerOf(createRootLogger({ logLevel: 'info' }, new Writable({ write: (_c, _e, d) => d() })).child({ a: 1 }))).toBeDefined();
    await app.close();
  });

  it('reduces errors to type, code, message and stack (no SQL parameters)', () => {
    const { log, lines } = capture();
    const err = Object.assign(new Error('duplicate key'), { code: '23505', parameters: ['alice@example.com'], query: 'INSERT …' });
    log.error({ err }, 'failed');
    expect(Object.keys(lines[0].err).sort()).toEqual(['code', 'message', 'stack', 'type']);
    expect(JSON.stringify(lines[0])).not.toContain('alice@example.com');
  });
});

describe('PinoNestLogger', () => {
  it('maps Nest levels and contexts, and demotes framework start-up chatter to debug', () => {
    const { log, lines } = capture();
    const nest = new PinoNestLogger(log);
    nest.log('Mapped {/x, GET} route', 'RouterExplorer');
    nest.log('ready', 'Readiness');
    nest.warn('careful', 'RateLimit');
    nest.error('broke', 'Error: broke\n    at x (y.js:1:1)', 'Filter');
    nest.error('no stack', 'Filter');
    expect(lines.map((l) => [l.level, l.context, l.msg])).toEqual([
      ['debug', 'RouterExplorer', 'Mapped {/x, GET} route'], ['info', 'Readiness', 'ready'], ['warn', 'RateLimit', 'careful'],
      ['error', 'Filter', 'broke'], ['error', 'Filter', 'no stack'],
    ]);
    expect(lines[3].stack).toContain('at x');
  });

  it('drops lines below the configured level', () => {
    const { log, lines } = capture('info');
    new PinoNestLogger(log).debug('hidden');
    expect(lines).toEqual([]);
  });
});
