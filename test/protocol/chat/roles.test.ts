import { describe, expect, it } from 'vitest';
import {
  MEMBER_ROLES,
  compareRoles,
  hasRole,
  isKnownRole,
  roleRank,
} from '../../../src/protocol/chat';

describe('member roles', () => {
  it('orders the known roles from relay to owner', () => {
    const shuffled = [
      'owner',
      'member',
      'relay',
      'admin',
      'observer',
      'moderator',
      'author',
      'commenter',
    ];
    expect(shuffled.sort(compareRoles)).toEqual([...MEMBER_ROLES]);
  });

  it('ranks an unknown role below every known one, so it grants nothing', () => {
    expect(isKnownRole('curator')).toBe(false);
    expect(roleRank('curator')).toBe(0);
    expect(compareRoles('curator', 'relay')).toBeLessThan(0);
    expect(hasRole('curator', 'relay')).toBe(false);
  });

  it('checks minimum roles', () => {
    expect(hasRole('owner', 'admin')).toBe(true);
    expect(hasRole('admin', 'admin')).toBe(true);
    expect(hasRole('moderator', 'admin')).toBe(false);
  });
});
