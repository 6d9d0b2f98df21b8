import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../../../src/protocol/encoding';
import { QueryParams, renderQuery, urlDecode, urlEncode } from '../../../../src/protocol/agent';

describe('query strings (http-types rules)', () => {
  it('keeps only unreserved characters literal and writes upper-case escapes', () => {
    expect(urlEncode('Az09-_.~ /=&;:,+é')).toBe('Az09-_.~%20%2F%3D%26%3B%3A%2C%2B%C3%A9');
    expect(
      renderQuery([
        ['a', 'x=1'],
        ['b', ''],
      ]),
    ).toBe('a=x%3D1&b=');
    expect(
      renderQuery(
        [
          ['a', 'x=1'],
          ['b', 'y,z'],
        ],
        false,
      ),
    ).toBe('a=x=1&b=y,z');
  });

  it('decodes escapes, plus signs and leaves stray percent signs alone', () => {
    expect(urlDecode('a%20b+c%3d%ZZ%')).toBe('a b c=%ZZ%');
    expect(urlDecode('%D0%B3')).toBe('г');
    expect(() => urlDecode('%FF')).toThrow(DecodeError);
    expect(() => urlDecode('é')).toThrow(DecodeError);
  });

  it('splits on & and ;, takes the first value of a name and treats a bare name as empty', () => {
    const q = QueryParams.parse('?a=1&b=2;a=3&&flag&c=x=y');
    expect(q.get('a')).toBe('1');
    expect(q.get('b')).toBe('2');
    expect(q.get('flag')).toBe('');
    expect(q.get('c')).toBe('x=y');
    expect(q.get('missing')).toBeUndefined();
    expect(() => q.require('missing')).toThrow(DecodeError);
  });
});
