// Multi-row statements over any number of rows with few distinct SQL texts, so each text is
// prepared once and stays in the driver's statement cache: rows go in chunks of 64, 32, …, 1.

export const MAX_CHUNK_ROWS = 64;

/** Calls `run` on consecutive chunks of `rows`, in order, each a power of two in size. */
export async function inChunks<R>(
  rows: readonly R[],
  run: (chunk: readonly R[]) => Promise<unknown>,
): Promise<void> {
  let at = 0;
  for (let size = MAX_CHUNK_ROWS; size >= 1; size >>= 1) {
    for (; rows.length - at >= size; at += size) await run(rows.slice(at, at + size));
  }
}

/** Placeholders of `rows` rows of `columns` values: `(?, ?), (?, ?)` for 2 × 2. */
export function rowPlaceholders(rows: number, columns: number): string {
  const row = `(${new Array<string>(columns).fill('?').join(', ')})`;
  return new Array<string>(rows).fill(row).join(', ');
}
