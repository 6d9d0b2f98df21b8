// The esbuild options every Node-side bundle shares: the app's (build.mjs), the benchmark and fuzz
// runners', and the bundles tests spawn (test/support/bundle-entry.ts), so that what is tested and
// measured is built the way it ships. No side effects: bundles import this file too.

export const nodeBundleOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // Native addons and electron stay outside the bundles; everything else is bundled.
  external: ['electron', 'sqlite3', 'zstd-napi'],
  logLevel: 'warning',
  // ESM-only dependencies use import.meta.url; map it to the CJS file URL.
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};
