import type { StatusNotice } from '../components/StatusRegion';
import type { SaveState } from '../store';

/** What a status region says about a save: progress, confirmation, or the error. */
export function saveNotice(save: SaveState, savedText: string): StatusNotice | null {
  switch (save.status) {
    case 'saving':
      return { tone: 'info', text: 'Saving…' };
    case 'saved':
      return { tone: 'success', text: savedText };
    case 'error':
      return { tone: 'error', text: save.message };
    default:
      return null;
  }
}
