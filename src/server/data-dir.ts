// The data directory: config, certificates and keys, the printed address, and the SQLite store.
// `init` writes everything or nothing; `open` refuses a missing, partial or invalid directory
// with a DataDirError before anything listens or is written.
import { mkdir, readdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { serializeSmpServer, type SmpServer } from '../protocol/smp/address';
import { base64url } from '../protocol/encoding/base64';
import {
  parseServerConfig,
  readServerConfig,
  writeServerConfig,
  type ServerConfig,
  type ServerConfigInput,
} from './config';
import { DataDirError } from './errors';
import { generateCertificates } from './identity/certificates';
import { loadServerIdentity, type ServerIdentity } from './identity/server-identity';

export const DATA_FILES = {
  config: 'server.json',
  caCert: 'ca.crt',
  /** The offline CA key: only needed to issue a new server certificate; keep it elsewhere. */
  caKey: 'ca.key',
  serverCert: 'server.crt',
  serverKey: 'server.key',
  fingerprint: 'fingerprint',
  address: 'address',
  database: 'smp-server.db',
} as const;

export function dataFile(dir: string, name: keyof typeof DATA_FILES): string {
  return path.join(dir, DATA_FILES[name]);
}

/** The server as an address value, for a given port (the bound one may differ from config). */
export function serverAddress(
  config: ServerConfig,
  keyHash: Uint8Array,
  port = config.port,
): SmpServer {
  return { hosts: config.hosts, port: String(port), keyHash };
}

export interface InitResult {
  readonly config: ServerConfig;
  /** base64url(SHA-256(CA certificate)), padded, as in smp:// addresses. */
  readonly fingerprint: string;
  readonly address: string;
}

async function entries(dir: string): Promise<string[] | undefined> {
  try {
    return await readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    if ((e as NodeJS.ErrnoException).code === 'ENOTDIR') {
      throw new DataDirError('NOT_A_DIRECTORY', `${dir} is not a directory`);
    }
    throw e;
  }
}

/** Whether `dir` is absent or has no files at all (so it may be initialised). */
export async function isDataDirEmpty(dir: string): Promise<boolean> {
  const names = await entries(dir);
  return names === undefined || names.length === 0;
}

/**
 * Creates the identity and config in `dir` (created if needed). Refuses a directory that already
 * holds a config; removes whatever it wrote if any step fails.
 */
export async function initDataDir(dir: string, input: ServerConfigInput): Promise<InitResult> {
  const config = parseServerConfig(input, 'server options');
  const existing = await entries(dir);
  if (existing?.includes(DATA_FILES.config)) {
    throw new DataDirError(
      'ALREADY_INITIALISED',
      `${dir} already holds a server (${DATA_FILES.config})`,
    );
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const certs = await generateCertificates(config.hosts[0] ?? 'smp-server');
  const identity = await loadServerIdentity(certs);
  const fingerprint = base64url(identity.keyHash);
  const address = serializeSmpServer(serverAddress(config, identity.keyHash));
  const written: string[] = [];
  const put = async (name: keyof typeof DATA_FILES, text: string, mode: number) => {
    const file = dataFile(dir, name);
    await writeFile(file, text, { mode, flag: 'wx' });
    written.push(file);
  };
  try {
    await put('caCert', certs.caCertPem, 0o644);
    await put('caKey', certs.caKeyPem, 0o600);
    await put('serverCert', certs.serverCertPem, 0o644);
    await put('serverKey', certs.serverKeyPem, 0o600);
    await put('fingerprint', `${fingerprint}\n`, 0o644);
    await put('address', `${address}\n`, 0o644);
    // The config goes last: its presence is what marks the directory as initialised.
    await writeServerConfig(dataFile(dir, 'config'), config);
  } catch (e) {
    await Promise.all(written.map((f) => unlink(f).catch(() => undefined)));
    throw e;
  }
  return { config, fingerprint, address };
}

export interface OpenDataDir {
  readonly dir: string;
  readonly config: ServerConfig;
  readonly identity: ServerIdentity;
  readonly databaseFile: string;
}

async function readPem(dir: string, name: keyof typeof DATA_FILES): Promise<string> {
  try {
    return await readFile(dataFile(dir, name), 'utf8');
  } catch (e) {
    throw new DataDirError('INVALID_CREDENTIALS', `cannot read ${dataFile(dir, name)}`, {
      cause: e,
    });
  }
}

/** Reads and checks an initialised data directory. */
export async function openDataDir(dir: string): Promise<OpenDataDir> {
  let info;
  try {
    info = await stat(dir);
  } catch {
    throw new DataDirError('MISSING', `the data directory ${dir} does not exist (run init first)`);
  }
  if (!info.isDirectory()) throw new DataDirError('NOT_A_DIRECTORY', `${dir} is not a directory`);
  const config = await readServerConfig(dataFile(dir, 'config'));
  const identity = await loadServerIdentity({
    caCertPem: await readPem(dir, 'caCert'),
    serverCertPem: await readPem(dir, 'serverCert'),
    serverKeyPem: await readPem(dir, 'serverKey'),
  });
  return { dir, config, identity, databaseFile: dataFile(dir, 'database') };
}
