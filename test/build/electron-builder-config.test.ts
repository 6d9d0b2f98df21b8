// electron-builder.yml, read with the YAML parser electron-builder itself uses and checked
// against electron-builder's own schema, then held to the security and packaging rules.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeEntries } from '../../scripts/build.mjs';
import { SIMPLEX_SCHEME } from '../../src/shared/links/simplex';

const root = path.resolve(import.meta.dirname, '../..');
// Resolved from electron-builder's own dependencies, so these are the modules it reads with.
const fromBuilder = createRequire(
  createRequire(path.join(root, 'package.json')).resolve('electron-builder/package.json'),
);
const builderLib = createRequire(fromBuilder.resolve('app-builder-lib/package.json'));
const yaml = builderLib('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = builderLib('./out/util/config/config') as {
  validateConfiguration(config: unknown, debug: { isEnabled: boolean; add(): void }): Promise<void>;
};

type Config = Record<string, unknown> & {
  files: string[];
  asarUnpack: string[];
  protocols: { name: string; schemes: string[] }[];
  electronFuses: Record<string, boolean>;
  linux: { target: string[]; mimeTypes: string[]; icon: string };
  mac: { target: string[]; icon: string };
  win: { target: string[]; icon: string };
};

let config: Config;
beforeAll(() => {
  config = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Config;
});

describe('electron-builder.yml', () => {
  it('is valid for electron-builder', async () => {
    await expect(
      validateConfiguration(config, { isEnabled: false, add: () => undefined }),
    ).resolves.toBeUndefined();
  });

  it('names the app', () => {
    expect(config.productName).toBe('Conclave');
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+){2,}$/);
  });

  it('packs the build output into an asar, with native addons unpacked and no rebuild', () => {
    expect(config.files).toEqual(
      expect.arrayContaining(['dist/main/**/*', 'dist/renderer/**/*', 'package.json']),
    );
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.npmRebuild).toBe(false);
  });

  it('builds AppImage and deb for Linux, dmg for macOS and nsis for Windows', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
    for (const icon of [config.linux.icon, config.mac.icon, config.win.icon]) {
      expect(existsSync(path.join(root, icon))).toBe(true);
    }
  });

  it('declares the simplex: link handler', () => {
    expect(config.protocols.map((p) => p.schemes)).toEqual([[SIMPLEX_SCHEME]]);
    expect(config.protocols[0]?.name).toBeTruthy();
    expect(config.linux.mimeTypes).toContain(`x-scheme-handler/${SIMPLEX_SCHEME}`);
  });

  it('sets every fuse the security rules name', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs what package.json starts and what the app loads at run time', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      main: string;
    };
    const main = nodeEntries.find((e) => e.in === 'src/main/app/main.ts');
    expect(pkg.main).toBe(`dist/${main?.out}.cjs`);
    expect(nodeEntries.map((e) => e.out)).toContain('main/engine-worker');
    expect(config.files).toEqual(expect.arrayContaining(['assets/tray.png']));
    expect(existsSync(path.join(root, 'assets/tray.png'))).toBe(true);
  });
});
