// Tiny benchmark harness: suites register named figures; results are printed as a table.
// Wall-clock figures on a shared 2-core VM vary by 20-40 %, so each figure says how it was made.

export interface Figure {
  readonly suite: string;
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly note?: string;
}

export interface Suite {
  readonly name: string;
  readonly description: string;
  run(report: (name: string, value: number, unit: string, note?: string) => void): Promise<void>;
}

export async function runSuites(
  suites: readonly Suite[],
  only: readonly string[],
): Promise<Figure[]> {
  const figures: Figure[] = [];
  const selected = only.length ? suites.filter((s) => only.includes(s.name)) : suites;
  const unknown = only.filter((n) => !suites.some((s) => s.name === n));
  if (unknown.length)
    throw new Error(
      `unknown bench suite(s): ${unknown.join(', ')}; have ${suites.map((s) => s.name).join(', ')}`,
    );
  for (const suite of selected) {
    console.log(`\n## ${suite.name}: ${suite.description}`);
    const started = performance.now();
    await suite.run((name, value, unit, note) => {
      const f: Figure = { suite: suite.name, name, value, unit, ...(note ? { note } : {}) };
      figures.push(f);
      console.log(
        `  ${name.padEnd(58)} ${formatValue(value).padStart(12)} ${unit}${note ? `   (${note})` : ''}`,
      );
    });
    console.log(`  (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
  return figures;
}

function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Math.abs(v) >= 100) return Math.round(v).toLocaleString('en-US');
  return v.toFixed(v >= 10 ? 1 : 3);
}

/** Runs `fn` repeatedly for at least `minMs` and returns operations per second. */
export async function opsPerSecond(fn: () => unknown, minMs = 1000, batch = 1): Promise<number> {
  let ops = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    await fn();
    ops += batch;
    elapsed = performance.now() - started;
  }
  return (ops * 1000) / elapsed;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
