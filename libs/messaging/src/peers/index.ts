export * from './nats-authorization';
export * from './nats-credentials';
export * from './nats-peers';
export * from './peer-credentials-directory';
