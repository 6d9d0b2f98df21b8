import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fake, resetFakeElectron } from '../fake-electron';
import {
  externalLinkTarget,
  openExternalLink,
} from '../../../../src/main/app/security/external-links';

vi.mock('electron', () => import('../fake-electron'));
beforeEach(resetFakeElectron);

describe('external link policy', () => {
  const allowed: [string, string][] = [
    ['https://simplex.chat/', 'https://simplex.chat/'],
    ['http://example.com/a?b=c#d', 'http://example.com/a?b=c#d'],
    ['HTTPS://Example.COM', 'https://example.com/'],
  ];
  for (const [raw, href] of allowed) {
    it(`opens ${raw}`, () => {
      expect(externalLinkTarget(raw)).toBe(href);
      expect(openExternalLink(raw)).toBe(true);
      expect(fake.openedExternally).toEqual([href]);
    });
  }

  const refused: unknown[] = [
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'app://conclave/index.html',
    'simplex:/contact#/?v=1',
    'smb://host/share',
    'ms-msdt:/id',
    'https://bank.example@evil.example/',
    'https://user:pw@example.com/',
    '//example.com',
    'example.com',
    '',
    `https://example.com/${'a'.repeat(5000)}`,
    42,
    null,
  ];
  for (const raw of refused) {
    it(`refuses ${String(raw).slice(0, 60)}`, () => {
      expect(externalLinkTarget(raw)).toBeNull();
      expect(openExternalLink(raw)).toBe(false);
      expect(fake.openedExternally).toEqual([]);
    });
  }
});
