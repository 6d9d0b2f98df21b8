import { describe, expect, it } from 'vitest';
import {
  commandCredentialError,
  responseCredentialError,
  type CommandTag,
  type ResponseTag,
} from '../../../src/protocol/smp';

const none = new Uint8Array(0);
const id = new Uint8Array(24).fill(1);

/** [no auth + no entity, auth only, entity only, both]. */
function rules(tag: CommandTag) {
  return [
    commandCredentialError(tag, false, none),
    commandCredentialError(tag, true, none),
    commandCredentialError(tag, false, id),
    commandCredentialError(tag, true, id),
  ];
}

describe('command credentials', () => {
  it('NEW needs an authorization and no entity', () => {
    expect(rules('NEW')).toEqual(['NO_AUTH', undefined, 'NO_AUTH', 'HAS_AUTH']);
  });

  it('SEND needs an entity; its authorization is optional', () => {
    expect(rules('SEND')).toEqual(['NO_ENTITY', 'NO_ENTITY', undefined, undefined]);
  });

  it('LGET needs an entity and no authorization', () => {
    expect(rules('LGET')).toEqual(['NO_ENTITY', 'NO_ENTITY', undefined, 'HAS_AUTH']);
  });

  it('PING needs neither', () => {
    expect(rules('PING')).toEqual([undefined, 'HAS_AUTH', 'HAS_AUTH', 'HAS_AUTH']);
  });

  it.each([
    'SUB',
    'KEY',
    'SKEY',
    'LKEY',
    'LSET',
    'LDEL',
    'GET',
    'ACK',
    'OFF',
    'DEL',
    'QUE',
  ] as CommandTag[])('%s needs both', (tag) => {
    expect(rules(tag)).toEqual(['NO_AUTH', 'NO_AUTH', 'NO_AUTH', undefined]);
  });
});

describe('response credentials', () => {
  it('IDS and ERR may come with or without an entity', () => {
    for (const tag of ['IDS', 'ERR'] as ResponseTag[]) {
      expect(responseCredentialError(tag, none)).toBeUndefined();
      expect(responseCredentialError(tag, id)).toBeUndefined();
    }
  });

  it('PONG has no entity', () => {
    expect(responseCredentialError('PONG', none)).toBeUndefined();
    expect(responseCredentialError('PONG', id)).toBe('HAS_AUTH');
  });

  it.each(['OK', 'SOK', 'MSG', 'END', 'DELD', 'LNK', 'INFO'] as ResponseTag[])(
    '%s needs an entity',
    (tag) => {
      expect(responseCredentialError(tag, none)).toBe('NO_ENTITY');
      expect(responseCredentialError(tag, id)).toBeUndefined();
    },
  );
});
