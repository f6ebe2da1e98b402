// The clocks of the domain kernel, from the kit too: a deadline test takes `manualClock` from
// the same place as its store and its `waitUntil`.
export { fixedClock, manualClock, type Clock, type ManualClock } from '@elan/domain-kernel';
