import { AuditService } from '../../src/audit/audit.service';
import { startTestApp, TestApp } from '../setup/test-app';
import { TEST_ENGINE } from '../setup/test-database';
import { scim, userBody } from './audit-support';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
it(`bench PATCH ${TEST_ENGINE}`, async () => {
  const t: TestApp = await startTestApp({ rateLimitPerTenantRps: 0 } as never);
  const s = scim(t);
  const id = (await s.post('/Users', userBody('bench@example.com', { name: { givenName: 'a', familyName: 'b' }, emails: [{ value: 'a@x', type: 'work' }] }))).body.id;
  const audit = t.app.get(AuditService);
  const inner = audit.recordChange.bind(audit);
  const spent: number[] = [];
  const real = async (...a: Parameters<typeof inner>) => { const t0 = process.hrtime.bigint(); await inner(...a); spent.push(Number(process.hrtime.bigint() - t0) / 1e6); };
  const res: Record<string, number[]> = { on: [], off: [] };
  for (let i = 0; i < 2000; i++) {
    const mode = i % 2 === 0 ? 'on' : 'off';
    audit.recordChange = mode === 'off' ? async () => undefined : real;
    const t0 = process.hrtime.bigint();
    const r = await s.patch(`/Users/${id}`, [{ op: 'replace', path: 'displayName', value: `n${i}` }]);
    const dt = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 200) throw new Error(String(r.status));
    if (i >= 200) res[mode].push(dt);
  }
  process.stdout.write(`BENCH ${TEST_ENGINE} on=${median(res.on).toFixed(3)} off=${median(res.off).toFixed(3)} +${((median(res.on) / median(res.off) - 1) * 100).toFixed(1)}% recordChange=${median(spent).toFixed(3)}\n`);
  await t.close();
}, 300000);
