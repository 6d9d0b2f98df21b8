// Types for tests that import the build settings (the preload bundle check).
import type { BuildOptions } from 'esbuild';

export const nodeEntries: readonly { in: string; out: string }[];
export const preloadEntry: { in: string; out: string };
export const preloadBuildOptions: BuildOptions;
export function buildNode(): Promise<void>;
