/** A map that keeps its `capacity` most recently used entries (a Map iterates oldest first). */
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be >= 1');
  }

  get size(): number {
    return this.entries.size;
  }

  /** The value for `key`, made the most recent; `create` makes it when absent. */
  get(key: K, create: () => V): V {
    const known = this.entries.get(key);
    if (known !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, known);
      return known;
    }
    const value = create();
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      this.entries.delete(this.entries.keys().next().value as K);
    }
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}
