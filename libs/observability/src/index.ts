export * from './metrics';
export * from './metrics-server';
export * from './correlation';
export * from './logger';
