import { NATS_PEERS } from '@elan/messaging';
import {
  K8S_BASE,
  K8S_DEV,
  compose as readCompose,
  containersOf,
  manifests,
  read,
  stripeServices,
  workloadsOf,
  type K8sObject,
} from './deployment-manifests';

/**
 * Issue #7, finding 2: docker-compose published PostgreSQL (5432, password `elan`) and NATS
 * (4222, 8222) on the host. The deployment files now keep both on the internal network, hold no
 * literal secret, and give every service its NATS seed from a secret (ADR 0011). Issue #10: every
 * NATS user `npm run nats:credentials` makes is deployed with its seed, and the services that move
 * money get the Stripe key from a secret, never a default.
 */

/** Any value of a variable that names a secret must come from the caller's environment. */
const SECRET_NAME = /PASSWORD|SECRET|SEED|TOKEN|_KEY$/;
const INTERPOLATED = /^\$\{[A-Z_]+:\?[^}]+\}$/;
const URL_PASSWORD = /^[a-z]+:\/\/[^:/@]+:([^@]+)@/;

/** Every process with a NATS user, as `npm run nats:credentials` writes their seeds (`<peer>.nkey`). */
const PEERS = [...NATS_PEERS].sort();

describe('docker-compose.yml', () => {
  const compose = readCompose();
  const { postgres, nats } = compose.services;

  it('publishes neither PostgreSQL nor NATS (monitoring included) on the host', () => {
    expect(postgres).toBeDefined();
    expect(nats).toBeDefined();
    expect(postgres?.ports).toBeUndefined();
    expect(nats?.ports).toBeUndefined();
  });

  it('holds no literal password or secret', () => {
    for (const [name, service] of Object.entries(compose.services))
      for (const [variable, value] of Object.entries(service.environment ?? {})) {
        const where = `${name}.${variable}`;
        if (SECRET_NAME.test(variable) && !variable.endsWith('_FILE'))
          expect([where, value]).toEqual([where, expect.stringMatching(INTERPOLATED)]);
        const password = URL_PASSWORD.exec(String(value))?.[1];
        if (password !== undefined)
          expect([where, password]).toEqual([where, expect.stringMatching(/^\$\{POSTGRES_PASSWORD(:\?[^}]*)?\}$/)]);
      }
  });

  it('gives every NATS user its own seed as a secret, from the file nats:credentials writes, kept out of git', () => {
    const speakers = Object.entries(compose.services).filter(([, service]) => service.environment?.NATS_URL);
    expect(speakers.map(([name]) => name).sort()).toEqual(PEERS);
    for (const [name, service] of speakers) {
      const env = service.environment ?? {};
      expect([name, env.NATS_NKEY_SEED]).toEqual([name, undefined]);
      const secret = /^\/run\/secrets\/(.+)$/.exec(env.NATS_NKEY_SEED_FILE ?? '')?.[1];
      expect([name, secret]).toEqual([name, expect.any(String)]);
      expect([name, service.secrets]).toEqual([name, [secret]]);
      expect([name, compose.secrets?.[secret ?? '']?.file]).toEqual([name, `./deploy/secrets/${name}.nkey`]);
    }
    expect(read('.gitignore').split('\n')).toContain('deploy/secrets/');
  });

  it('defines every secret a service mounts, and no secret nobody mounts', () => {
    const mounted = Object.values(compose.services).flatMap((service) =>
      (service.secrets ?? []).map((secret) => (typeof secret === 'string' ? secret : secret.source)),
    );
    expect(Object.keys(compose.secrets ?? {}).sort()).toEqual([...new Set(mounted)].sort());
  });

  it('gives the Stripe key, required, to the services that move money and to no other', () => {
    const holders = Object.entries(compose.services).filter(([, service]) => service.environment?.STRIPE_SECRET_KEY);
    expect(holders.map(([name]) => name).sort()).toEqual(stripeServices());
    expect(stripeServices()).toEqual(['payout', 'pledge', 'tipping']);
    for (const [name, service] of holders) {
      const env = service.environment ?? {};
      expect([name, env.STRIPE_SECRET_KEY]).toEqual([name, expect.stringMatching(/^\$\{STRIPE_SECRET_KEY:\?[^}]+\}$/)]);
      // Empty unless set (the Stripe API); the dev profile's emulator when told so.
      expect([name, env.STRIPE_API_URL]).toEqual([name, '${STRIPE_API_URL:-}']);
    }
  });

  it('says how to point the Stripe services at the dev profile emulator', () => {
    const emulator = compose.services['stripe-emulator'];
    const port = emulator?.environment?.STRIPE_EMULATOR_PORT;
    expect(port).toBeDefined();
    expect(read('docker-compose.yml')).toContain(`STRIPE_API_URL=http://stripe-emulator:${port} docker compose --profile dev up`);
  });

  it('starts NATS with the users of the generated authorization include', () => {
    expect(read('deploy/nats/nats.conf')).toMatch(/^include \.\/nats-authorization\.conf$/m);
    expect(nats?.secrets).toContainEqual({ source: 'nats-authorization', target: '/etc/nats/nats-authorization.conf' });
    expect(compose.secrets?.['nats-authorization']?.file).toBe('./deploy/secrets/nats-authorization.conf');
  });
});

/** The Secrets a workload reads: mounted volumes and environment references. */
const secretsOf = (workload: K8sObject): string[] => {
  const pod = workload.spec?.template?.spec;
  return [
    ...(pod?.volumes ?? []).flatMap((v) => [
      ...(v.secret ? [v.secret.secretName] : []),
      ...(v.projected?.sources ?? []).flatMap((s) => (s.secret ? [s.secret.name] : [])),
    ]),
    ...(pod?.containers ?? []).flatMap((c) => (c.env ?? []).flatMap((e) => e.valueFrom?.secretKeyRef?.name ?? [])),
  ];
};

/** Made by the CloudNativePG operator (postgres-cluster.yaml), not by whoever deploys. */
const OPERATOR_SECRETS = ['elan-postgres-app'];

describe('deploy/k8s', () => {
  const objects = manifests(K8S_BASE);
  const workloads = workloadsOf(objects);

  it('commits no Secret, and exposes nothing outside the cluster but through an ingress', () => {
    expect([...objects, ...manifests(K8S_DEV)].filter((o) => o.kind === 'Secret')).toEqual([]);
    const exposed = objects.filter(
      (o) => o.kind === 'Service' && (o.spec?.type === 'NodePort' || o.spec?.type === 'LoadBalancer'),
    );
    expect(exposed).toEqual([]);
  });

  it('gives every NATS user its own seed from a Secret', () => {
    const speakers = workloads.filter((w) => containersOf(w).some((c) => c.env?.some((e) => e.name === 'NATS_URL')));
    expect(speakers.map((w) => w.metadata.name).sort()).toEqual(PEERS);
    for (const workload of speakers) {
      const pod = workload.spec?.template?.spec;
      for (const container of containersOf(workload)) {
        const env = container.env ?? [];
        expect(env.find((e) => e.name === 'NATS_NKEY_SEED')).toBeUndefined();
        const file = env.find((e) => e.name === 'NATS_NKEY_SEED_FILE')?.value ?? '';
        const mount = container.volumeMounts?.find((m) => file.startsWith(`${m.mountPath}/`));
        const volume = pod?.volumes?.find((v) => v.name === mount?.name);
        const name = workload.metadata.name;
        expect([name, volume?.secret?.secretName]).toEqual([name, `elan-${name}-nats`]);
      }
    }
  });

  it('gives the Stripe key, required, from a Secret to the services that move money and to no other', () => {
    const stripeKey = (w: K8sObject) =>
      containersOf(w)
        .flatMap((c) => c.env ?? [])
        .find((e) => e.name === 'STRIPE_SECRET_KEY');
    const holders = workloads.filter((w) => stripeKey(w) !== undefined);
    expect(holders.map((w) => w.metadata.name).sort()).toEqual(stripeServices());
    for (const workload of holders) {
      const name = workload.metadata.name;
      expect([name, stripeKey(workload)?.value]).toEqual([name, undefined]);
      expect([name, stripeKey(workload)?.valueFrom?.secretKeyRef]).toEqual([name, { name: 'elan-stripe', key: 'secret-key' }]);
    }
    // Production talks to api.stripe.com: only the dev overlay sets another host.
    const apiUrls = workloads
      .flatMap(containersOf)
      .flatMap((c) => c.env ?? [])
      .filter((e) => e.name === 'STRIPE_API_URL');
    expect(apiUrls).toEqual([]);
  });

  it('names every Secret to create, beside the operator’s, in the kustomization and in docs/operations.md', () => {
    const needed = [...new Set(workloads.flatMap(secretsOf))].filter((name) => !OPERATOR_SECRETS.includes(name)).sort();
    expect(needed).toEqual(expect.arrayContaining(PEERS.map((peer) => `elan-${peer}-nats`)));
    expect(needed).toContain('elan-stripe');
    const kustomization = read(`${K8S_BASE}/kustomization.yaml`);
    const operations = read('docs/operations.md');
    for (const secret of needed) {
      expect([secret, kustomization.includes(secret)]).toEqual([secret, true]);
      expect([secret, operations.includes(`create secret generic ${secret} `)]).toEqual([secret, true]);
    }
  });

  it('starts NATS with the authorization include projected from a Secret', () => {
    const config = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'nats-config');
    expect(config?.data?.['nats.conf']).toMatch(/^\s*include \.\/nats-authorization\.conf$/m);
    const nats = workloads.find((w) => w.metadata.name === 'nats');
    const sources = nats?.spec?.template?.spec.volumes?.find((v) => v.name === 'config')?.projected?.sources ?? [];
    expect(sources.map((s) => s.secret?.name ?? s.configMap?.name)).toEqual(['nats-config', 'elan-nats-authorization']);
  });
});
