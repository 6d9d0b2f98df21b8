import { describe, expect, it } from 'vitest';
import { LinkInbox, MAX_BUFFERED_LINKS } from '../../../src/main/app/deep-links';
import type { OpenedLink } from '../../../src/shared/models/app';

const contact = 'simplex:/contact#/?v=2-7&smp=smp%3A%2F%2Fabc%40host';
const group = 'https://smp.example.com/g#AbCdEf_-123';

describe('link inbox', () => {
  it('holds links until the renderer is ready, then delivers them in order', () => {
    const delivered: OpenedLink[] = [];
    const inbox = new LinkInbox((l) => delivered.push(l));
    expect(inbox.offer(contact)).toBe(true);
    inbox.offerArgs(['/usr/bin/conclave', '--no-sandbox', group, 'not a link']);
    expect(delivered).toEqual([]);
    inbox.rendererReady();
    expect(delivered).toEqual([
      { kind: 'contact', link: contact },
      { kind: 'group', link: group },
    ]);
    inbox.offer(contact);
    expect(delivered).toHaveLength(3);
  });

  it('holds links again while the page reloads', () => {
    const delivered: OpenedLink[] = [];
    const inbox = new LinkInbox((l) => delivered.push(l));
    inbox.rendererReady();
    inbox.rendererGone();
    inbox.offer(group);
    expect(delivered).toEqual([]);
    inbox.rendererReady();
    expect(delivered).toHaveLength(1);
  });

  it('ignores what is not a SimpleX link and keeps only the latest few', () => {
    const delivered: OpenedLink[] = [];
    const inbox = new LinkInbox((l) => delivered.push(l));
    expect(inbox.offer('https://example.com/')).toBe(false);
    expect(inbox.offer('javascript:alert(1)')).toBe(false);
    for (let i = 0; i < MAX_BUFFERED_LINKS + 5; i++) inbox.offer(`simplex:/a#key${i}`);
    inbox.rendererReady();
    expect(delivered).toHaveLength(MAX_BUFFERED_LINKS);
    expect(delivered[0]?.link).toBe('simplex:/a#key5');
  });
});
