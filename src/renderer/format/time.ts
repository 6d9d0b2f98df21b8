// Dates and times as a messenger shows them, in the reader's locale and time zone: the time for
// today, "Yesterday", the weekday within the last week, then the date. Formatters are made once
// per locale and style and reused: building an Intl.DateTimeFormat costs far more than using
// one, and a chat's rows format several dates each.

const DAY_MS = 24 * 60 * 60 * 1000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function format(
  date: Date,
  locale: string | undefined,
  options: Intl.DateTimeFormatOptions,
): string {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) formatters.set(key, (formatter = new Intl.DateTimeFormat(locale, options)));
  return formatter.format(date);
}

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

const CLOCK: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' };
const WEEKDAY: Intl.DateTimeFormatOptions = { weekday: 'short' };
const DAY_MONTH: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short' };
const DAY_MONTH_YEAR: Intl.DateTimeFormatOptions = { ...DAY_MONTH, year: 'numeric' };
const LONG_DAY: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long' };
const LONG_DAY_YEAR: Intl.DateTimeFormatOptions = { ...LONG_DAY, year: 'numeric' };
const FULL: Intl.DateTimeFormatOptions = { dateStyle: 'full', timeStyle: 'short' };

/** "14:05" (or "2:05 PM", as the locale writes it). */
export function clockTime(iso: string, locale?: string): string {
  return format(new Date(iso), locale, CLOCK);
}

/** Short, for the chat list. */
export function listTime(iso: string, now: Date, locale?: string): string {
  const then = new Date(iso);
  const days = daysBetween(then, now);
  if (days <= 0) return format(then, locale, CLOCK);
  if (days === 1) return 'Yesterday';
  if (days < 7) return format(then, locale, WEEKDAY);
  return format(
    then,
    locale,
    then.getFullYear() === now.getFullYear() ? DAY_MONTH : DAY_MONTH_YEAR,
  );
}

/** For the separators between days in a conversation. */
export function dayLabel(iso: string, now: Date, locale?: string): string {
  const then = new Date(iso);
  const days = daysBetween(then, now);
  if (days <= 0) return 'Today';
  if (days === 1) return 'Yesterday';
  return format(then, locale, then.getFullYear() === now.getFullYear() ? LONG_DAY : LONG_DAY_YEAR);
}

/** Full date and time, for a tooltip. */
export function fullDateTime(iso: string, locale?: string): string {
  return format(new Date(iso), locale, FULL);
}
