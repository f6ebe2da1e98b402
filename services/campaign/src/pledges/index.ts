export * from './campaign-pledges.consumer';
export * from './campaign-pledges.handlers';
export * from './pledge-totals';
export * from './tier-release-reasons';
