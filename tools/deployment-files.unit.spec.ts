import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

/**
 * The deployment files stay in step with the workspace (no Docker engine runs here, so these are
 * the checks we can make): the image installs every workspace, and the Stripe emulator is a
 * development-only option, never part of what production applies (ADR 0019).
 */
const ROOT = resolve(__dirname, '..');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

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

interface ComposeService {
  readonly profiles?: string[];
  readonly command?: string[];
  readonly environment?: Record<string, string>;
}

describe('the Stripe emulator in the deployment files', () => {
  it('runs in docker-compose only under the dev profile, told it is not production', () => {
    const { services } = parse(read('docker-compose.yml')) as { services: Record<string, ComposeService> };
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
    const manifests = (dir: string): { kind: string; metadata: { name: string } }[] =>
      readdirSync(join(ROOT, dir))
        .filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml')
        .flatMap((file) => parseAllDocuments(read(`${dir}/${file}`)).map((doc) => doc.toJS()));
    expect(manifests('deploy/k8s').map((o) => o.metadata.name)).not.toContain('stripe-emulator');
    const dev = manifests('deploy/k8s/dev');
    expect(dev.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
      'Deployment/stripe-emulator',
      'Service/stripe-emulator',
    ]);
    const overlay = parse(read('deploy/k8s/dev/kustomization.yaml')) as { resources: string[] };
    expect(overlay.resources).toEqual(['../', 'stripe-emulator.yaml']);
  });
});
