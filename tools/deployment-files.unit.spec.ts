import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { STRIPE_EVENT_TYPES_HANDLED } from '@elan/contracts';
import {
  K8S_BASE,
  K8S_DEV,
  ROOT,
  compose,
  containersOf,
  entryPointOf,
  manifestFiles,
  manifests,
  read,
  stripeServices,
  workloadsOf,
  workspaceServices,
  type K8sObject,
} from './deployment-manifests';

/**
 * The deployment files stay in step with the workspace (no Docker engine runs here, so these are
 * the checks we can make): the image installs every workspace, and the Stripe emulator is a
 * development-only option, never part of what production applies (ADR 0019); every service of
 * the workspace runs in docker-compose and on Kubernetes (issue #10).
 */
/** Every folder npm treats as a workspace: `npm ci` in the image needs each one's package.json. */
const workspaces = (): string[] =>
  (JSON.parse(read('package.json')) as { workspaces: string[] }).workspaces.flatMap((pattern) =>
    pattern.endsWith('/*')
      ? readdirSync(join(ROOT, pattern.slice(0, -2)))
          .map((name) => `${pattern.slice(0, -2)}/${name}`)
          .filter((dir) => existsSync(join(ROOT, dir, 'package.json')))
      : [pattern],
  );

describe('the Dockerfile', () => {
  it('copies the package.json of every workspace before npm ci, or the lock file would not match', () => {
    const copied = [...read('Dockerfile').matchAll(/^COPY (\S+)\/package\.json /gm)].map((match) => match[1]);
    expect(copied.sort()).toEqual(workspaces().sort());
  });
});

describe('the Stripe emulator in the deployment files', () => {
  it('runs in docker-compose only under the dev profile, told it is not production', () => {
    const { services } = compose();
    const runsEmulator = Object.entries(services).filter(([, service]) =>
      service.command?.some((part) => part.includes('stripe-emulator')),
    );
    expect(runsEmulator.map(([name]) => name)).toEqual(['stripe-emulator']);
    const [, emulator] = runsEmulator[0] ?? [];
    expect(emulator?.profiles).toEqual(['dev']);
    expect(emulator?.environment?.NODE_ENV).toBe('development');
    // Both read the same variable: the emulator signs with the secret the gateway checks.
    const sameVariable = expect.stringMatching(/^\$\{STRIPE_WEBHOOK_SECRET:\?/);
    expect(emulator?.environment?.STRIPE_WEBHOOK_SECRET).toEqual(sameVariable);
    expect(services.gateway?.environment?.STRIPE_WEBHOOK_SECRET).toEqual(sameVariable);
  });

  it('is in the Kubernetes dev overlay only, and no manifest of it holds a Secret', () => {
    expect(manifests(K8S_BASE).map((o) => o.metadata.name)).not.toContain('stripe-emulator');
    const dev = manifests(K8S_DEV);
    expect(dev.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
      'Deployment/stripe-emulator',
      'Service/stripe-emulator',
    ]);
    expect(kustomization(K8S_DEV).resources).toEqual(['../base', 'stripe-emulator.yaml']);
  });

  it('registers the emulator’s endpoint for the event types Élan acts on, in both files', () => {
    const expected = [...STRIPE_EVENT_TYPES_HANDLED].sort();
    const composed = compose().services['stripe-emulator']?.environment?.STRIPE_WEBHOOK_EVENTS;
    const deployment = manifests(K8S_DEV).find((o) => o.kind === 'Deployment' && o.metadata.name === 'stripe-emulator');
    const deployed = containersOf(deployment ?? { kind: '', metadata: { name: '' } })
      .flatMap((c) => c.env ?? [])
      .find((e) => e.name === 'STRIPE_WEBHOOK_EVENTS')?.value;
    expect(String(composed).split(',').sort()).toEqual(expected);
    expect(String(deployed).split(',').sort()).toEqual(expected);
  });

  it('takes the Stripe calls of the services that move money in the dev overlay, through its Service', () => {
    const service = manifests(K8S_DEV).find((o) => o.kind === 'Service' && o.metadata.name === 'stripe-emulator');
    const port = service?.spec?.ports?.[0]?.port;
    expect(port).toEqual(expect.any(Number));
    const patched = (kustomization(K8S_DEV).patches ?? []).map((p) => parse(p.patch ?? '') as K8sObject);
    for (const name of stripeServices()) {
      const patch = patched.find((p) => p.kind === 'Deployment' && p.metadata.name === name);
      const env = patch?.spec?.template?.spec.containers.find((c) => c.name === name)?.env ?? [];
      expect([name, env.find((e) => e.name === 'STRIPE_API_URL')?.value]).toEqual([name, `http://stripe-emulator:${port}`]);
    }
  });
});

interface Kustomization {
  readonly namespace?: string;
  readonly resources?: string[];
  readonly patches?: { patch?: string }[];
}
const kustomization = (dir: string): Kustomization => parse(read(`${dir}/kustomization.yaml`)) as Kustomization;

describe('the services in the deployment files', () => {
  it('knows the services of the workspace', () => {
    expect(workspaceServices()).toEqual(expect.arrayContaining(['campaign', 'gateway', 'payout', 'pledge', 'tipping']));
  });

  it('runs every service of the workspace in docker-compose, from the one image, after PostgreSQL and NATS are healthy', () => {
    const { services } = compose();
    const image = services.gateway?.image;
    const run = Object.entries(services).flatMap(([name, service]) => {
      const entryPoint = service.image === image ? entryPointOf(service.command) : undefined;
      return entryPoint === undefined ? [] : [[name, entryPoint, service] as const];
    });
    expect(run.map(([, entryPoint]) => entryPoint).sort()).toEqual(workspaceServices());
    for (const [name, entryPoint, service] of run) {
      expect([name, entryPoint]).toEqual([name, name]);
      expect([name, service.profiles]).toEqual([name, undefined]);
      expect([name, service.depends_on?.postgres, service.depends_on?.nats]).toEqual([
        name,
        { condition: 'service_healthy' },
        { condition: 'service_healthy' },
      ]);
      // NATS-only services answer no HTTP: the image's health check (GET /api/health) would fail.
      if (name !== 'gateway') expect([name, service.healthcheck?.disable]).toEqual([name, true]);
    }
  });

  it('gives every service its own schema in docker-compose', () => {
    const { services } = compose();
    const schemas = workspaceServices().map((name) => services[name]?.environment?.[`${name.toUpperCase()}_SCHEMA`] ?? name);
    expect(new Set(schemas).size).toBe(schemas.length);
  });

  it('deploys every service of the workspace on Kubernetes, listed in the kustomization', () => {
    const objects = manifests(K8S_BASE);
    const deployments = workloadsOf(objects).filter((w) => w.kind === 'Deployment');
    const run = deployments.map((d) => [d.metadata.name, entryPointOf(containersOf(d)[0]?.command)] as const);
    expect(run.map(([, entryPoint]) => entryPoint).sort()).toEqual(workspaceServices());
    for (const [name, entryPoint] of run) expect([name, entryPoint]).toEqual([name, name]);
    expect([...(kustomization(K8S_BASE).resources ?? [])].sort()).toEqual(manifestFiles(K8S_BASE).sort());
    expect(kustomization(K8S_BASE).namespace).toBe('elan');
    // `kubectl apply -k deploy/k8s` builds the base; kustomize refuses an overlay nested in its base.
    expect(kustomization('deploy/k8s').resources).toEqual(['base']);
    expect(manifestFiles('deploy/k8s')).toEqual([]);
  });
});
