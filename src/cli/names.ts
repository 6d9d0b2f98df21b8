// How the terminal names contacts and requests, like upstream's local display names: the display
// name made typeable (no quote character, no leading '@' or '#'), with `_1`, `_2`… added in id
// order when several share it. Every name printed can be typed back: @'Ann Lee' hi.

export interface Named {
  readonly id: number;
  readonly displayName: string;
}

/** Characters a name may not start with: they mark contacts, groups and quoting. */
const LEADING = /^[@#'\s]+/;

/** The display name as the terminal's parser can read it back. */
export function typeableName(displayName: string): string {
  const cleaned = displayName
    .replace(/'/g, '')
    .replace(/[\s\p{Cc}]+/gu, ' ')
    .replace(LEADING, '')
    .trim();
  return cleaned === '' ? 'contact' : cleaned;
}

/** Every item under a distinct typeable name; the lowest id keeps the plain name. */
export function localNames<T extends Named>(items: Iterable<T>): Map<string, T> {
  const byName = new Map<string, T>();
  const sorted = [...items].sort((a, b) => a.id - b.id);
  for (const item of sorted) {
    const base = typeableName(item.displayName);
    let name = base;
    for (let n = 1; byName.has(name); n++) name = `${base}_${n}`;
    byName.set(name, item);
  }
  return byName;
}

/** The local name of the item with `id` among `items`, if it is there. */
export function localNameOf<T extends Named>(items: Iterable<T>, id: number): string | undefined {
  for (const [name, item] of localNames(items)) if (item.id === id) return name;
  return undefined;
}

/** A name as it is typed: quoted when it has spaces or commas (which end an unquoted name). */
export function quoteName(name: string): string {
  return /[\s,]/.test(name) ? `'${name}'` : name;
}
