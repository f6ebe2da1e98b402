export * from './campaign-deadlines';
export * from './campaign-schedule.projection';
export * from './durable-scheduler';
export * from './scheduled-commands';
export * from './tier-hold-expiry';
