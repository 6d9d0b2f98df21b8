import { describe, expect, it } from 'vitest';
import { localNameOf, localNames, quoteName, typeableName } from '../../src/cli/names';
import { readName } from '../../src/cli/commands';

describe('local names', () => {
  it('makes display names typeable', () => {
    expect(typeableName('alice')).toBe('alice');
    expect(typeableName("O'Brien")).toBe('OBrien');
    expect(typeableName('@#bob')).toBe('bob');
    expect(typeableName('  Ann \t Lee\n')).toBe('Ann Lee');
    expect(typeableName('a\u001b[31mb')).toBe('a [31mb');
    expect(typeableName("'")).toBe('contact');
    expect(typeableName('')).toBe('contact');
  });

  it('numbers names that several share, the lowest id keeping the plain one', () => {
    const names = localNames([
      { id: 7, displayName: 'bob' },
      { id: 3, displayName: 'bob' },
      { id: 5, displayName: 'bob_1' },
      { id: 9, displayName: 'bob' },
    ]);
    expect([...names].map(([name, item]) => [name, item.id])).toEqual([
      ['bob', 3],
      ['bob_1', 5],
      ['bob_2', 7],
      ['bob_3', 9],
    ]);
    expect(localNameOf(names.values(), 7)).toBe('bob_2');
    expect(localNameOf(names.values(), 1)).toBeUndefined();
  });

  it('quotes names with spaces or commas, and every name printed reads back', () => {
    expect(quoteName('bob')).toBe('bob');
    expect(quoteName('Ann Lee')).toBe("'Ann Lee'");
    expect(quoteName('a,b')).toBe("'a,b'");
    for (const displayName of ['Ann Lee', "O'Brien", '@x', 'a,b', '  ', 'ü ñ 名前']) {
      const name = typeableName(displayName);
      expect(readName(`${quoteName(name)} hi`), displayName).toEqual({
        ok: true,
        name,
        rest: ' hi',
      });
    }
  });
});
