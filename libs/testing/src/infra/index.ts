// The infrastructure bootstrap shared by the Jest global setup and `npm start`. Nothing here
// may import Jest: `scripts/start.ts` runs it in a plain Node process.
export * from './bootstrap';
export * from './database';
export { freePort } from './free-port';
export { maskUrl } from './mask-url';
export { DEFAULT_NATS_URL, probeNats, type NatsProbeIdentity } from './nats';
export {
  findNatsServerBinary,
  spawnNatsServer,
  type NatsServerAuthorization,
  type NatsServerOptions,
  type SpawnedNatsServer,
} from './nats-server';
export { DEFAULT_DATABASE_URL, probePostgres, type Probe } from './postgres';
