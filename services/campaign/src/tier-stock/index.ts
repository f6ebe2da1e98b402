export * from './tier-stock.commands';
export * from './tier-stock.decide';
export * from './tier-stock.events';
export * from './tier-stock.state';
