/** Median of a list (mean of the two middle values for an even count); undefined when empty. */
export function median(xs: number[]): number | undefined {
  if (xs.length === 0) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Nearest-rank percentile (the smallest value with at least p% of values at or below it). */
export function percentile(xs: number[], p: number): number | undefined {
  if (xs.length === 0) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)]!;
}

/** Rounded to one decimal, so JSON output stays stable and readable. */
export function round1(x: number | undefined): number | undefined {
  return x === undefined ? undefined : Math.round(x * 10) / 10;
}

export const HOUR = 3_600_000;
export const DAY = 86_400_000;

export function hoursBetween(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / HOUR;
}

/** Months YYYY-MM from the month of `since` to the month of `until`. */
export function monthsBetween(since: string, until: string): string[] {
  const out: string[] = [];
  let y = Number(since.slice(0, 4));
  let m = Number(since.slice(5, 7));
  const endY = Number(until.slice(0, 4));
  const endM = Number(until.slice(5, 7));
  while (y < endY || (y === endY && m <= endM)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** Counts by key, with every key of `keys` present (zero when absent) and in that order. */
export function countBy<T>(items: T[], key: (t: T) => string, keys: string[] = []): Record<string, number> {
  // No prototype: a key taken from a document ("constructor", "__proto__") is a key like any other.
  const out = Object.create(null) as Record<string, number>;
  for (const k of keys) out[k] = 0;
  for (const it of items) {
    const k = key(it);
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}
