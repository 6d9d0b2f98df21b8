// Types for the TypeScript modules that import the shared bundle options.
import type { BuildOptions } from 'esbuild';

export const nodeBundleOptions: BuildOptions & {
  readonly external: readonly string[];
  readonly define: Readonly<Record<string, string>>;
};
