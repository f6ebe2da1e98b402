import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

/**
 * Issue #7, finding 2: docker-compose published PostgreSQL (5432, password `elan`) and NATS
 * (4222, 8222) on the host. The deployment files now keep both on the internal network, hold no
 * literal secret, and give every service its NATS seed from a secret (ADR 0011).
 */
const ROOT = resolve(__dirname, '..');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

type Env = Record<string, string>;
interface ComposeService {
  readonly image?: string;
  readonly ports?: unknown[];
  readonly environment?: Env;
  readonly secrets?: (string | { source: string; target?: string })[];
}
interface Compose {
  readonly services: Record<string, ComposeService>;
  readonly secrets?: Record<string, { file?: string }>;
}

/** Any value of a variable that names a secret must come from the caller's environment. */
const SECRET_NAME = /PASSWORD|SECRET|SEED|TOKEN/;
const INTERPOLATED = /^\$\{[A-Z_]+:\?[^}]+\}$/;
const URL_PASSWORD = /^[a-z]+:\/\/[^:/@]+:([^@]+)@/;

describe('docker-compose.yml', () => {
  const compose = parse(read('docker-compose.yml')) as Compose;
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

  it('gives every service that speaks NATS its own seed as a secret, from files kept out of git', () => {
    const speakers = Object.entries(compose.services).filter(([, service]) => service.environment?.NATS_URL);
    expect(speakers.map(([name]) => name).sort()).toEqual(['campaign', 'gateway']);
    const seeds = new Set<string>();
    for (const [name, service] of speakers) {
      const env = service.environment ?? {};
      expect([name, env.NATS_NKEY_SEED]).toEqual([name, undefined]);
      const secret = /^\/run\/secrets\/(.+)$/.exec(env.NATS_NKEY_SEED_FILE ?? '')?.[1];
      expect([name, secret]).toEqual([name, expect.any(String)]);
      expect(service.secrets).toContain(secret);
      expect(compose.secrets?.[secret ?? '']?.file).toMatch(/^\.\/deploy\/secrets\//);
      seeds.add(compose.secrets?.[secret ?? '']?.file ?? '');
    }
    expect(seeds.size).toBe(speakers.length);
    expect(read('.gitignore').split('\n')).toContain('deploy/secrets/');
  });

  it('starts NATS with the users of the generated authorization include', () => {
    expect(read('deploy/nats/nats.conf')).toMatch(/^include \.\/nats-authorization\.conf$/m);
    expect(nats?.secrets).toContainEqual({ source: 'nats-authorization', target: '/etc/nats/nats-authorization.conf' });
    expect(compose.secrets?.['nats-authorization']?.file).toBe('./deploy/secrets/nats-authorization.conf');
  });
});

interface K8sContainer {
  readonly name: string;
  readonly env?: { name: string; value?: string; valueFrom?: unknown }[];
  readonly volumeMounts?: { name: string; mountPath: string }[];
}
interface K8sVolume {
  readonly name: string;
  readonly secret?: { secretName: string };
  readonly projected?: { sources: { secret?: { name: string }; configMap?: { name: string } }[] };
}
interface K8sObject {
  readonly kind: string;
  readonly metadata: { name: string };
  readonly spec?: {
    readonly type?: string;
    readonly template?: { spec: { containers: K8sContainer[]; volumes?: K8sVolume[] } };
  };
  readonly data?: Record<string, string>;
}

describe('deploy/k8s', () => {
  const objects = readdirSync(join(ROOT, 'deploy/k8s'))
    .filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml')
    .flatMap((file) => parseAllDocuments(read(`deploy/k8s/${file}`)).map((doc) => doc.toJS() as K8sObject));
  const workloads = objects.filter((o) => o.kind === 'Deployment' || o.kind === 'StatefulSet');

  it('commits no Secret, and exposes nothing outside the cluster but through an ingress', () => {
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
    const exposed = objects.filter(
      (o) => o.kind === 'Service' && (o.spec?.type === 'NodePort' || o.spec?.type === 'LoadBalancer'),
    );
    expect(exposed).toEqual([]);
  });

  it('gives every workload that speaks NATS its own seed from a Secret', () => {
    const seeds = new Set<string>();
    const speakers = workloads.filter((w) =>
      w.spec?.template?.spec.containers.some((c) => c.env?.some((e) => e.name === 'NATS_URL')),
    );
    expect(speakers.map((w) => w.metadata.name).sort()).toEqual(['campaign', 'gateway']);
    for (const workload of speakers) {
      const pod = workload.spec?.template?.spec;
      for (const container of pod?.containers ?? []) {
        const env = container.env ?? [];
        expect(env.find((e) => e.name === 'NATS_NKEY_SEED')).toBeUndefined();
        const file = env.find((e) => e.name === 'NATS_NKEY_SEED_FILE')?.value ?? '';
        const mount = container.volumeMounts?.find((m) => file.startsWith(`${m.mountPath}/`));
        const volume = pod?.volumes?.find((v) => v.name === mount?.name);
        expect([workload.metadata.name, volume?.secret?.secretName]).toEqual([
          workload.metadata.name,
          expect.stringMatching(/-nats$/),
        ]);
        seeds.add(volume?.secret?.secretName ?? '');
      }
    }
    expect(seeds.size).toBe(speakers.length);
  });

  it('starts NATS with the authorization include projected from a Secret', () => {
    const config = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'nats-config');
    expect(config?.data?.['nats.conf']).toMatch(/^\s*include \.\/nats-authorization\.conf$/m);
    const nats = workloads.find((w) => w.metadata.name === 'nats');
    const sources = nats?.spec?.template?.spec.volumes?.find((v) => v.name === 'config')?.projected?.sources ?? [];
    expect(sources.map((s) => s.secret?.name ?? s.configMap?.name)).toEqual(['nats-config', 'elan-nats-authorization']);
  });
});
