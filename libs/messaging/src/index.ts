export * from './dead-letter';
export * from './durable-consumer';
export * from './headers';
export * from './outbox-relay';
export * from './streams';
export * from './request-reply';
export * from './connections';
export * from './peers';
