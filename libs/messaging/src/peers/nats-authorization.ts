import { PEER_PERMISSIONS, type PeerPermissions } from './nats-peers';

/** A peer's public NKey (`U…`): all a server needs to know of it. */
export interface PeerPublicKey {
  /** A key of the permission table, `PEER_PERMISSIONS` unless given (`NatsPeer`). */
  readonly peer: string;
  readonly publicKey: string;
}

const list = (subjects: readonly string[]): string => `[${subjects.map((s) => JSON.stringify(s)).join(', ')}]`;

const userEntry = (publicKey: string, permissions: PeerPermissions): string => {
  const parts = [
    `publish: { allow: ${list(permissions.publish)} }`,
    `subscribe: { allow: ${list(permissions.subscribe)} }`,
    ...(permissions.answersRequests ? ['allow_responses: true'] : []),
  ];
  return `{ nkey: ${JSON.stringify(publicKey)}, permissions: { ${parts.join(', ')} } }`;
};

/**
 * The nats-server `authorization` block of the peers: one NKey user each, with the permissions
 * of `PEER_PERMISSIONS`, in the global account (so JetStream, enabled server-wide, serves them
 * all). It holds public keys only: a server configuration is no secret. Include it from the
 * main configuration (`include ./authorization.conf`) or pass it as the whole configuration
 * file of a test server. `permissions` is for tests of services not built yet.
 */
export function renderNatsAuthorization(
  keys: readonly PeerPublicKey[],
  permissions: Readonly<Record<string, PeerPermissions>> = PEER_PERMISSIONS,
): string {
  if (keys.length === 0) throw new Error('an authorization block needs at least one user');
  const users = keys.map(({ peer, publicKey }) => {
    const granted = permissions[peer];
    if (!granted) throw new Error(`no NATS permissions are declared for ${peer}`);
    return `    # ${peer}\n    ${userEntry(publicKey, granted)}`;
  });
  return [
    '# NATS users of Élan, generated from libs/messaging/src/peers (ADR 0011). Public keys only.',
    'authorization {',
    '  users = [',
    ...users,
    '  ]',
    '}',
    '',
  ].join('\n');
}
