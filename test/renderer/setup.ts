import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import { installCssEscape } from './support/cssEscape';
import { installMatchMedia } from './support/matchMedia';

// A few files run in Node (`@vitest-environment node`), where there is no DOM to prepare.
const hasDom = typeof window !== 'undefined';
if (hasDom) installCssEscape();

beforeEach(() => {
  if (hasDom) installMatchMedia();
});

afterEach(() => {
  if (!hasDom) return;
  cleanup();
  delete document.documentElement.dataset['theme'];
});
