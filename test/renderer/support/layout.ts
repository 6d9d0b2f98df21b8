// jsdom lays nothing out: every element is 0×0. The message list's virtualizer needs a viewport
// to decide which rows to render, so tests that show a conversation give the scrolled element a
// size (rows stay 0 high, so every loaded row fits in it and is rendered).
import { afterEach, beforeEach } from 'vitest';

const VIEWPORT = 'message-list__viewport';

export function withMessageViewport(width = 800, height = 600): void {
  // The virtualizer reads the viewport's client size.
  const originals = {
    clientWidth: Object.getOwnPropertyDescriptor(Element.prototype, 'clientWidth'),
    clientHeight: Object.getOwnPropertyDescriptor(Element.prototype, 'clientHeight'),
  };
  const sized = (value: number) => ({
    configurable: true,
    get(this: Element) {
      return this.classList.contains(VIEWPORT) ? value : 0;
    },
  });
  beforeEach(() => {
    Object.defineProperty(Element.prototype, 'clientWidth', sized(width));
    Object.defineProperty(Element.prototype, 'clientHeight', sized(height));
  });
  afterEach(() => {
    for (const [key, descriptor] of Object.entries(originals)) {
      if (descriptor) Object.defineProperty(Element.prototype, key, descriptor);
    }
  });
}
