// The one crypto module: every primitive the protocols use, behind stable names.
export * from './errors';
export * from './padding';
export * from './sodium';
export * from './hash';
export * from './random';
export * from './keys';
export * from './ed25519';
export * from './ed448';
export * from './x25519';
export * from './x448';
export * from './box';
export * from './aes-gcm';
