import { beforeAll, describe, expect, it } from 'vitest';
import { encode, fromBase64, fromHex, toHex, Reader } from '../../src/protocol/encoding';
import { cryptoReady } from '../../src/protocol/crypto';
import {
  formatConnectionRequest,
  formatE2eParamsUri,
  formatSmpQueueUri,
  parseConnectionRequest,
  parseE2eParamsUri,
  parseSmpQueueUri,
  parseVersionRange,
  readSmpQueueUri,
  urlEncode,
  writeSmpQueueUri,
  type ConnectionRequest,
  type QueueMode,
  type SmpQueueUri,
} from '../../src/protocol/agent';
import { mqVector } from './vectors';

beforeAll(cryptoReady);

interface QueueInput {
  server_key_hash_hex: string;
  sender_id_hex: string;
  dh_public_key_spki_b64: string;
  hosts: string[];
  port: string;
  smp_client_version_range: string;
  queue_mode: QueueMode | null;
}

function queueFrom(input: QueueInput): SmpQueueUri {
  return {
    clientVersions: parseVersionRange(input.smp_client_version_range),
    server: { hosts: input.hosts, port: input.port, keyHash: fromHex(input.server_key_hash_hex) },
    senderId: fromHex(input.sender_id_hex),
    dhPublicKey: fromBase64(input.dh_public_key_spki_b64).subarray(12),
    queueMode: input.queue_mode ?? undefined,
  };
}

describe('queue URI vectors', () => {
  it.each([
    'smp_queue_uri.v1-4.two_hosts.messaging',
    'smp_queue_uri.v1-4.two_hosts.no_queue_mode',
    'smp_queue_uri.v1-4.two_hosts.contact',
    'smp_queue_uri.v1-4.one_host',
    'smp_queue_uri.v2-4.two_hosts',
    'smp_queue_uri.v2-4.one_host',
    'smp_queue_uri.v2-4.two_hosts.no_port',
    'smp_queue_uri.v2-4.one_host.no_port',
    'smp_queue_uri.v1.legacy',
  ])('%s', (name) => {
    const v = mqVector<QueueInput, string>(name);
    const queue = queueFrom(v.input);
    expect(formatSmpQueueUri(queue)).toBe(v.expected);
    expect(parseSmpQueueUri(v.expected)).toEqual(queue);
  });

  it.each([
    'smp_queue_uri.parse_only.alternative_forms',
    'smp_queue_uri.parse_only.v1_legacy_forms',
  ])('%s', (name) => {
    const v = mqVector<{ equivalent_inputs: string[] }, string>(name);
    for (const input of v.input.equivalent_inputs) {
      expect(formatSmpQueueUri(parseSmpQueueUri(input))).toBe(v.expected);
    }
  });

  it('agent.smp_queue_uri.binary', () => {
    const v = mqVector<
      Omit<QueueInput, 'server_key_hash_hex'> & { key_hash_hex: string },
      { hex: string }
    >('agent.smp_queue_uri.binary');
    const queue = queueFrom({ ...v.input, server_key_hash_hex: v.input.key_hash_hex });
    const bytes = encode((w) => writeSmpQueueUri(w, queue));
    expect(toHex(bytes)).toBe(v.expected.hex);
    const r = new Reader(bytes);
    expect(readSmpQueueUri(r)).toEqual(queue);
    expect(r.atEnd()).toBe(true);
  });
});

describe('e2e ratchet parameter vectors', () => {
  it('e2e_ratchet_params_uri.v1', () => {
    const v = mqVector<
      { e2e_version_range: string; x3dh_key1_spki_b64: string; x3dh_key2_spki_b64: string },
      { unescaped: string; as_query_value: string }
    >('e2e_ratchet_params_uri.v1');
    const params = {
      versions: parseVersionRange(v.input.e2e_version_range),
      key1: fromBase64(v.input.x3dh_key1_spki_b64).subarray(12),
      key2: fromBase64(v.input.x3dh_key2_spki_b64).subarray(12),
      kem: undefined,
    };
    expect(formatE2eParamsUri(params)).toBe(v.expected.unescaped);
    expect(urlEncode(v.expected.unescaped)).toBe(v.expected.as_query_value);
    expect(parseE2eParamsUri(v.expected.unescaped)).toEqual(params);
  });
});

interface ConnReqInput {
  mode: 'invitation' | 'contact';
  agent_version_range: string;
  e2e?: string;
  client_data: string | null;
  smp_queues: string[];
}

function connReqFrom(input: ConnReqInput): ConnectionRequest {
  const base = {
    agentVersions: parseVersionRange(input.agent_version_range),
    queues: input.smp_queues.map(parseSmpQueueUri),
    clientData: input.client_data ?? undefined,
  };
  return input.mode === 'contact'
    ? { mode: 'contact', ...base }
    : { mode: 'invitation', ...base, e2e: parseE2eParamsUri(input.e2e!) };
}

describe('connection request vectors', () => {
  it.each([
    'connection_request.invitation',
    'connection_request.invitation.no_queue_mode',
    'connection_request.invitation.two_queues',
    'connection_request.invitation.v2-4_queue',
    'connection_request.invitation.client_data_empty_json',
    'connection_request.contact',
    'connection_request.contact.two_queues',
    'connection_request.contact.agent_v2',
    'connection_request.contact.client_data',
  ])('%s', (name) => {
    const v = mqVector<ConnReqInput, string>(name);
    const cr = connReqFrom(v.input);
    expect(formatConnectionRequest(cr)).toBe(v.expected);
    expect(parseConnectionRequest(v.expected)).toEqual(cr);
  });

  it.each(['connection_request.invitation.parse_https', 'connection_request.contact.parse_https'])(
    '%s',
    (name) => {
      const v = mqVector<{ input: string }, string>(name);
      expect(formatConnectionRequest(parseConnectionRequest(v.input.input))).toBe(v.expected);
    },
  );

  it('connection_request.contact.parse_adjusts_old_versions', () => {
    const v = mqVector<{ equivalent_inputs: string[] }, string>(
      'connection_request.contact.parse_adjusts_old_versions',
    );
    for (const input of v.input.equivalent_inputs) {
      const cr = parseConnectionRequest(input);
      expect(cr.agentVersions).toEqual({ min: 2, max: 2 });
      expect(formatConnectionRequest(cr)).toBe(v.expected);
    }
  });
});
