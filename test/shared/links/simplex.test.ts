import { describe, expect, it } from 'vitest';
import {
  MAX_LINK_LENGTH,
  findSimplexLink,
  recognizeSimplexLink,
} from '../../../src/shared/links/simplex';

const KEY = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde';

describe('SimpleX link shapes', () => {
  const recognised: [string, string, string][] = [
    [
      'simplex:/invitation#/?v=2-7&smp=smp%3A%2F%2Fa%40h%2Fq%23%2F%3Fv%3D1-4&e2e=v%3D2',
      'invitation',
      'simplex',
    ],
    ['simplex:/contact#/?v=2-7&smp=smp%3A%2F%2Fa%40h', 'contact', 'simplex'],
    ['https://simplex.chat/contact#/?v=2-7&smp=smp%3A%2F%2Fa%40h', 'contact', 'https'],
    ['https://simplex.chat/invitation#/?v=2-7&smp=x&e2e=y', 'invitation', 'https'],
    [`simplex:/a#${KEY}?h=smp1.example%2Csmp2.example`, 'address', 'simplex'],
    [`https://smp.example.com/a#${KEY}`, 'address', 'https'],
    [`https://smp.example.com/g#${KEY}?h=other.example&p=5223&c=abc`, 'group', 'https'],
    [`simplex:/c#${KEY}?h=smp.example`, 'channel', 'simplex'],
    [`simplex:/r#${KEY}?h=smp.example`, 'relay', 'simplex'],
    [`https://smp.example.com/i#abcdefghijklmnopqrstuvwxyz012345/${KEY}`, 'invitation', 'https'],
    [`  simplex:/g#${KEY}  `, 'group', 'simplex'],
  ];
  for (const [link, kind, form] of recognised) {
    it(`recognises ${link.slice(0, 50)} as ${kind}`, () => {
      expect(recognizeSimplexLink(link)).toEqual({ kind, form, link: link.trim() });
    });
  }

  const refused = [
    '',
    'hello',
    'simplex:/contact',
    'simplex:/contact#',
    'simplex:/unknown#abc',
    'simplex://contact#/?v=1',
    'simplex:/a?x=1#abc',
    `http://smp.example.com/a#${KEY}`,
    `https://smp.example.com/x/a#${KEY}`,
    `https://user@smp.example.com/a#${KEY}`,
    'https://example.com/',
    'https://example.com/a#<script>',
    'javascript:alert(1)//#x',
    'file:///a#b',
    `simplex:/a#${'x'.repeat(MAX_LINK_LENGTH)}`,
  ];
  for (const link of refused) {
    it(`refuses ${link.slice(0, 50) || '(empty)'}`, () => {
      expect(recognizeSimplexLink(link)).toBeNull();
    });
  }

  it('finds the link among command-line arguments', () => {
    expect(
      findSimplexLink(['/usr/bin/conclave', '--enable-features=x', `simplex:/g#${KEY}`]),
    ).toEqual({
      kind: 'group',
      form: 'simplex',
      link: `simplex:/g#${KEY}`,
    });
    expect(findSimplexLink(['/usr/bin/conclave', '.'])).toBeNull();
  });
});
