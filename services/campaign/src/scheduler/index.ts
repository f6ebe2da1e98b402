export * from './durable-scheduler';
export * from './scheduled-commands';
