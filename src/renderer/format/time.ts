// Dates and times as a messenger shows them, in the reader's locale and time zone: the time for
// today, "Yesterday", the weekday within the last week, then the date.

const DAY_MS = 24 * 60 * 60 * 1000;

function startOfDay(d: Date): number {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/** Whole calendar days from `then` to `now` (0: the same day), in local time. */
export function daysBetween(then: Date, now: Date): number {
  return Math.round((startOfDay(now) - startOfDay(then)) / DAY_MS);
}

export function sameDay(a: string, b: string): boolean {
  return daysBetween(new Date(a), new Date(b)) === 0;
}

/** "14:05" (or "2:05 PM", as the locale writes it). */
export function clockTime(iso: string, locale?: string): string {
  return new Date(iso).toLocaleTimeString(locale, { hour: 'numeric', minute: '2-digit' });
}

/** Short, for the chat list. */
export function listTime(iso: string, now: Date, locale?: string): string {
  const then = new Date(iso);
  const days = daysBetween(then, now);
  if (days <= 0) return clockTime(iso, locale);
  if (days === 1) return 'Yesterday';
  if (days < 7) return then.toLocaleDateString(locale, { weekday: 'short' });
  if (then.getFullYear() === now.getFullYear()) {
    return then.toLocaleDateString(locale, { day: 'numeric', month: 'short' });
  }
  return then.toLocaleDateString(locale, { day: 'numeric', month: 'short', year: 'numeric' });
}

/** For the separators between days in a conversation. */
export function dayLabel(iso: string, now: Date, locale?: string): string {
  const then = new Date(iso);
  const days = daysBetween(then, now);
  if (days <= 0) return 'Today';
  if (days === 1) return 'Yesterday';
  return then.toLocaleDateString(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    ...(then.getFullYear() !== now.getFullYear() && { year: 'numeric' }),
  });
}

/** Full date and time, for a tooltip. */
export function fullDateTime(iso: string, locale?: string): string {
  return new Date(iso).toLocaleString(locale, { dateStyle: 'full', timeStyle: 'short' });
}
