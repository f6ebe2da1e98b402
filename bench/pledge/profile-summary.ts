/**
 * Where a process's CPU went, from the V8 CPU profiles BENCH_PROFILE_DIR collected: self time
 * by package (or by file for the repository's own code) and the hottest functions, counting only
 * the samples of the pledge window (`window.json`, written by main.ts) when there is one.
 *
 *   node -r @swc-node/register bench/pledge/profile-summary.ts <dir> [top=25]
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}
interface Profile {
  readonly startTime: number;
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** A package name for node_modules code, a repository path for ours, a V8 marker otherwise. */
function placeOf(url: string, functionName: string): string {
  if (!url) return `(${functionName || 'native'})`;
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  if (url.startsWith('node:')) return url;
  const ours = url.match(/(?:libs|services|bench)\/.*$/);
  return ours ? ours[0] : url;
}

async function main(): Promise<void> {
  const [dir, topArg] = process.argv.slice(2);
  if (!dir) throw new Error('usage: profile-summary.ts <dir> [top]');
  const top = Number(topArg ?? 25);
  const window = await readFile(join(dir, 'window.json'), 'utf8').then(
    (text) => JSON.parse(text) as { fromUs: string; toUs: string },
    () => ({ fromUs: '0', toUs: String(Number.MAX_SAFE_INTEGER) }),
  );
  const [fromUs, toUs] = [Number(window.fromUs), Number(window.toUs)];
  for (const file of (await readdir(dir)).filter((name) => name.endsWith('.cpuprofile')).sort()) {
    const profile = JSON.parse(await readFile(join(dir, file), 'utf8')) as Profile;
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const places = new Map<string, number>();
    const functions = new Map<string, number>();
    let total = 0;
    let at = profile.startTime;
    profile.samples.forEach((id, index) => {
      const node = byId.get(id);
      const ms = (profile.timeDeltas[index] ?? 0) / 1000;
      at += profile.timeDeltas[index] ?? 0;
      if (at < fromUs || at > toUs) return;
      if (!node || node.callFrame.functionName === '(idle)') return;
      total += ms;
      const place = placeOf(node.callFrame.url, node.callFrame.functionName);
      places.set(place, (places.get(place) ?? 0) + ms);
      const fn = `${node.callFrame.functionName || '(anonymous)'} ${place}:${node.callFrame.lineNumber + 1}`;
      functions.set(fn, (functions.get(fn) ?? 0) + ms);
    });
    const lines = (map: Map<string, number>): string =>
      [...map]
        .sort((a, b) => b[1] - a[1])
        .slice(0, top)
        .map(([name, ms]) => `    ${((100 * ms) / total).toFixed(1).padStart(5)} %  ${name}`)
        .join('\n');
    console.log(
      `\n${file}: ${(total / 1000).toFixed(1)} s busy in the window\n  by place:\n${lines(places)}\n  hottest functions:\n${lines(functions)}`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
