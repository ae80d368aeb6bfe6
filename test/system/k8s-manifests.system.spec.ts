import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { createTestDatabase, TEST_ENGINE } from '../setup/test-database';
import { httpRequest } from './support/http';
import { dbEnv, productionEnv, productionNodeArgs, ROOT, startService } from './support/spawn-service';

// Issue 6 check: the Kubernetes manifests are parsed (not eyeballed) and every probe path, port,
// command and variable they use is checked against the Dockerfile and the built app.
const K8S = join(ROOT, 'deploy/k8s');
type Obj = Record<string, any>;

const docs: Obj[] = readdirSync(K8S).filter((f) => f.endsWith('.yaml')).flatMap((f) =>
  parseAllDocuments(readFileSync(join(K8S, f), 'utf8')).map((d) => ({ ...(d.toJS() as Obj), file: f })));
const byKind = (kind: string) => docs.filter((d) => d.kind === kind);
const deployment = byKind('Deployment')[0];
const job = byKind('Job')[0];
const configMap = byKind('ConfigMap')[0];
const secret = byKind('Secret')[0];
const workloads = [deployment, job];
const containers = workloads.map((w) => w.spec.template.spec.containers[0]);
const main = deployment.spec.template.spec.containers[0];
const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const configSource = readFileSync(join(ROOT, 'src/config/app-config.ts'), 'utf8');

describe(`deploy/k8s against the app (${TEST_ENGINE})`, () => {
  it('has the pieces: Deployment, Service, migration Job, PodDisruptionBudget, ConfigMap, Secret template', () => {
    for (const kind of ['Deployment', 'Service', 'Job', 'PodDisruptionBudget', 'ConfigMap', 'Secret']) expect(byKind(kind)).toHaveLength(1);
    const kustomized = (docs.find((d) => d.kind === 'Kustomization')!.resources as string[]).sort();
    expect(kustomized).toEqual(docs.filter((d) => !['Kustomization', 'Secret'].includes(d.kind)).map((d) => d.file).sort());
  });

  it('runs the Dockerfile command as non-root on a read-only root filesystem with resources set', () => {
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)![1]) as string[];
    // The image runs the service with npm start's node flags (the V8 heap bounds), which the
    // specs and the benchmark use too: what is tested and measured is what runs.
    expect(cmd).toEqual(['node', ...productionNodeArgs(), 'dist/src/main.js']);
    expect(productionNodeArgs()).toEqual(expect.arrayContaining([expect.stringMatching(/^--max-old-space-size=\d+$/), expect.stringMatching(/^--max-semi-space-size=\d+$/)]));
    // And with npm start's environment (the allocator's mmap threshold): ENV in the image, which
    // the manifests' `command` (a replacement of CMD only) keeps.
    expect(productionEnv()).toEqual({ MALLOC_MMAP_THRESHOLD_: expect.stringMatching(/^\d+$/) });
    for (const [name, value] of Object.entries(productionEnv())) expect(dockerfile).toMatch(new RegExp(`^ENV ${name}=${value}$`, 'm'));
    for (const c of containers) {
      expect(c.command).toEqual(cmd);
      expect(existsSync(join(ROOT, c.command[c.command.length - 1]))).toBe(true);
      expect(c.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
      expect(c.resources.requests).toEqual(expect.objectContaining({ cpu: expect.anything(), memory: expect.anything() }));
      expect(c.resources.limits).toEqual(expect.objectContaining({ cpu: expect.anything(), memory: expect.anything() }));
    }
    for (const w of workloads) expect(w.spec.template.spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(main.volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
  });

  it('wires ports consistently: PORT, containerPort, probes, Service, Dockerfile', () => {
    const port = Number(configMap.data.PORT);
    expect(main.ports).toEqual([{ name: 'http', containerPort: port }]);
    expect(dockerfile).toMatch(new RegExp(`^EXPOSE ${port}$`, 'm'));
    expect(deployment.spec.template.metadata.annotations['prometheus.io/port']).toBe(String(port));
    for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) expect(main[probe].httpGet.port).toBe('http');
    expect(byKind('Service')[0].spec.ports[0].targetPort).toBe('http');
    const selector = deployment.spec.selector.matchLabels;
    expect(byKind('Service')[0].spec.selector).toEqual(selector);
    expect(byKind('PodDisruptionBudget')[0].spec.selector.matchLabels).toEqual(selector);
    expect(deployment.spec.template.metadata.labels).toMatchObject(selector);
    expect(job.spec.template.metadata.labels).not.toMatchObject(selector); // the Job never receives traffic
  });

  it('only sets variables the app reads, and shuts down inside the grace period', () => {
    const names = [...Object.keys(configMap.data), ...Object.keys(secret.stringData), ...containers.flatMap((c) => (c.env ?? []).map((e: Obj) => e.name))];
    for (const name of names.filter((n) => n !== 'NODE_ENV')) expect([name, configSource.includes(`'${name}'`) || configSource.includes(`env.${name}`)]).toEqual([name, true]);
    expect(job.spec.template.spec.containers[0].env).toEqual([{ name: 'MIGRATE_ONLY', value: '1' }]);
    expect(Number(configMap.data.SHUTDOWN_GRACE_MS)).toBeLessThan(deployment.spec.template.spec.terminationGracePeriodSeconds * 1000);
    expect(Number(configMap.data.SHUTDOWN_DRAIN_MS)).toBeLessThan(Number(configMap.data.SHUTDOWN_GRACE_MS));
    expect(main.readinessProbe.timeoutSeconds * 1000).toBeGreaterThan(1000); // above the 1 s database ping
  });

  it('the migration Job command migrates and exits 0, and every probe path answers 200 on the started app', async () => {
    const db = await createTestDatabase();
    try {
      const env = { ...process.env, ...dbEnv(db.config), ...job.spec.template.spec.containers[0].env.reduce((a: Obj, e: Obj) => ({ ...a, [e.name]: e.value }), {}) };
      const run = () => promisify(execFile)(process.execPath, job.spec.template.spec.containers[0].command.slice(1).map((a: string) => (a.startsWith('--') ? a : join(ROOT, a))), { cwd: ROOT, env, timeout: 30_000 });
      expect((await run()).stdout).toContain('migrations applied');
      const again = await run();
      expect(again.stdout).toContain('schema already current');
      expect(again.stdout).not.toContain('listening');

      const svc = await startService({ ...dbEnv(db.config), LOG_LEVEL: configMap.data.LOG_LEVEL });
      try {
        for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
          const res = await httpRequest(`${svc.origin}${main[probe].httpGet.path}`);
          expect([main[probe].httpGet.path, res.status]).toEqual([main[probe].httpGet.path, 200]);
        }
        const annotations = deployment.spec.template.metadata.annotations;
        expect((await httpRequest(`${svc.origin}${annotations['prometheus.io/path']}`)).status).toBe(200);
      } finally {
        svc.kill();
      }
    } finally {
      await db.drop();
    }
  });
});
