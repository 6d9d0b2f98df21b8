export { mimeType } from './mime';
export { resolveStaticFile, type StaticLookup } from './resolve';
