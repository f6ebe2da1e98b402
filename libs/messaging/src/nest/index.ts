export * from './integration-event-consumers';
export * from './messaging.module';
export * from './on-integration-event.decorator';
export * from './tokens';
