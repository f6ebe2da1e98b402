/**
 * `npm run nats:credentials -- --out deploy/secrets [--rotate campaign]… [--drop-previous]`
 *
 * Writes the NATS credentials of every Élan process into a directory (ADR 0011): one NKey seed
 * file per process (`gateway.nkey`, `campaign.nkey`, mode 0600), given to it as a secret
 * (`NATS_NKEY_SEED_FILE`), and the nats-server include `nats-authorization.conf` with their
 * public keys and permissions. Seeds already there are kept. To rotate a process's key without
 * downtime: `--rotate <process>`, reload NATS, roll the process, then `--drop-previous` and
 * reload NATS again (docs/operations.md, "NATS credentials"). It never prints a seed.
 */
import { parseArgs } from 'node:util';
import { NATS_PEERS, updateCredentialsDirectory, type NatsPeer } from '@elan/messaging';

const USAGE = `usage: npm run nats:credentials -- --out <directory> [--rotate <${NATS_PEERS.join('|')}>]… [--drop-previous]`;

const isPeer = (value: string): value is NatsPeer => (NATS_PEERS as readonly string[]).includes(value);

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      out: { type: 'string' },
      rotate: { type: 'string', multiple: true },
      'drop-previous': { type: 'boolean' },
    },
  });
  if (!values.out) throw new Error(USAGE);
  const rotate = values.rotate ?? [];
  // Both at once would forget the old key before any service moved off it.
  if (rotate.length > 0 && values['drop-previous'])
    throw new Error(`--rotate and --drop-previous are two steps, with a roll-out between them\n${USAGE}`);
  const unknown = rotate.filter((peer) => !isPeer(peer));
  if (unknown.length > 0) throw new Error(`--rotate: no such process ${unknown.join(', ')}\n${USAGE}`);
  const report = await updateCredentialsDirectory(values.out, {
    rotate: rotate.filter(isPeer),
    dropPrevious: values['drop-previous'] ?? false,
  });
  for (const [peer, outcome] of Object.entries(report)) console.log(`${peer}: ${outcome}`);
  console.log(`NATS credentials in ${values.out} (seeds mode 0600; the include holds public keys only)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
