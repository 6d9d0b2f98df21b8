export * from './bytes';
export * from './base64';
export * from './codec';
export * from './errors';
export * from './version-range';
