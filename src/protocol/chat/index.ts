// The SimpleX chat protocol codec: JSON events, batches, the compressed container, binary
// elements and signatures. Pure: no state, no I/O. See README.md in this folder for the choices.
export * from './version';
export * from './limits';
export * from './json';
export { type Open, type UnknownTagged } from './fields';
export * from './roles';
export * from './profiles';
export * from './content';
export * from './container';
export * from './groups';
export * from './events';
export * from './message';
export * from './event-rules';
export * from './compression';
export * from './elements';
export * from './signing';
export * from './batch';
export * from './body';
export * from './link-data';
