export * from './statement.events';
export * from './statement';
