export { createAppStore, resetAppStore, type AppStore } from './createAppStore';
export { connectStore } from './sync';
export { StoreContext, useAppStore } from './context';
export { describeError } from './errors';
export type * from './types';
