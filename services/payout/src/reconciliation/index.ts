export * from './reconciliation.types';
export * from './reconcile';
