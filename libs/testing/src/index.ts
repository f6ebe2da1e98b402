export * from './clock';
export * from './decider-spec';
export * from './http';
export * from './wait-until';
export * from './store';
export * from './infra';
export * from './metrics-scrape';
export * from './pages';
