import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

/**
 * What the deployment specs read: docker-compose.yml, the Kubernetes manifests and the services
 * of the workspace they must run. No Docker engine or cluster runs here, so parsing the files is
 * how they are checked.
 */
export const ROOT = resolve(__dirname, '..');
export const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

export type Env = Record<string, string>;
export interface ComposeService {
  readonly image?: string;
  readonly profiles?: string[];
  readonly command?: string[];
  readonly ports?: unknown[];
  readonly environment?: Env;
  readonly secrets?: (string | { source: string; target?: string })[];
  readonly healthcheck?: { disable?: boolean };
  readonly depends_on?: Record<string, { condition: string }>;
}
export interface Compose {
  readonly services: Record<string, ComposeService>;
  readonly secrets?: Record<string, { file?: string }>;
}

export const compose = (): Compose => parse(read('docker-compose.yml')) as Compose;

export interface K8sEnvVar {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean } };
}
export interface K8sContainer {
  readonly name: string;
  readonly command?: string[];
  readonly env?: K8sEnvVar[];
  readonly volumeMounts?: { name: string; mountPath: string }[];
}
export interface K8sVolume {
  readonly name: string;
  readonly secret?: { secretName: string };
  readonly projected?: { sources: { secret?: { name: string }; configMap?: { name: string } }[] };
}
export interface K8sObject {
  readonly kind: string;
  readonly metadata: { name: string };
  readonly spec?: {
    readonly type?: string;
    readonly ports?: { name?: string; port: number }[];
    readonly template?: { spec: { containers: K8sContainer[]; volumes?: K8sVolume[] } };
  };
  readonly data?: Record<string, string>;
}

/** The manifests of a kustomization folder, every document of every file but the kustomization. */
export const manifestFiles = (dir: string): string[] =>
  readdirSync(join(ROOT, dir)).filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml');
export const manifests = (dir: string): K8sObject[] =>
  manifestFiles(dir).flatMap((file) => parseAllDocuments(read(`${dir}/${file}`)).map((doc) => doc.toJS() as K8sObject));

/** Where production's manifests live (`kubectl apply -k deploy/k8s` builds this folder). */
export const K8S_BASE = 'deploy/k8s/base';
export const K8S_DEV = 'deploy/k8s/dev';

export const workloadsOf = (objects: readonly K8sObject[]): K8sObject[] =>
  objects.filter((o) => o.kind === 'Deployment' || o.kind === 'StatefulSet');
export const containersOf = (workload: K8sObject): K8sContainer[] => workload.spec?.template?.spec.containers ?? [];

/** Every service of the workspace that runs as a process: services/<name>/src/main.ts. */
export const workspaceServices = (): string[] =>
  readdirSync(join(ROOT, 'services'))
    .filter((name) => existsSync(join(ROOT, 'services', name, 'src', 'main.ts')))
    .sort();

/** The entry point a command runs, or the image's default command (the Dockerfile's CMD) without one. */
export const entryPointOf = (command: readonly string[] | undefined): string | undefined => {
  const cmd = command ?? (JSON.parse(/^CMD (\[.*\])$/m.exec(read('Dockerfile'))?.[1] ?? '[]') as string[]);
  return cmd.map((part) => /^services\/([a-z-]+)\/src\/main\.ts$/.exec(part)?.[1]).find((name) => name !== undefined);
};

const sourceFiles = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(`${dir}/${entry.name}`)
      : entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')
        ? [`${dir}/${entry.name}`]
        : [],
  );

/** The services whose configuration reads STRIPE_SECRET_KEY (through the payments library). */
export const stripeServices = (): string[] =>
  workspaceServices().filter((name) =>
    sourceFiles(`services/${name}/src`).some((file) => read(file).includes('stripeConnectionFromEnv(')),
  );
