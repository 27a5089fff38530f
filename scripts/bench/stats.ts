/** Percentiles and formatting for the bench's figures. */

export interface Summary {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of already sorted values. */
function percentile(sorted: Float64Array | number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

export function summarize(values: ArrayLike<number>): Summary {
  const sorted = Float64Array.from(values).sort();
  return { count: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? Number.NaN };
}

export const ms = (value: number, digits = 1): string => (Number.isFinite(value) ? `${value.toFixed(digits)} ms` : 'n/a');
/** Milliseconds below a second, seconds above. */
export const duration = (value: number): string => (Number.isFinite(value) && value >= 1000 ? `${(value / 1000).toFixed(1)} s` : ms(value, 0));
export const perSecond = (value: number): string => (Number.isFinite(value) ? `${Math.round(value).toLocaleString('en-US')}/s` : 'n/a');
export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
export const percent = (ratio: number): string => (Number.isFinite(ratio) ? `${Math.round(ratio * 100)}%` : 'n/a');

/**
 * Latency of two ways of doing the same thing, one request at a time, taken in turns (which goes
 * first alternates, so neither always follows the other's garbage). Each `send` resolves with the
 * time one request took.
 */
export async function compareInTurns(first: () => Promise<number>, second: () => Promise<number>, counts: { warmUp: number; measured: number }): Promise<[Summary, Summary]> {
  for (let i = 0; i < counts.warmUp; i += 1) {
    await first();
    await second();
  }
  const firstTimes: number[] = [];
  const secondTimes: number[] = [];
  for (let i = 0; i < counts.measured; i += 1) {
    if (i % 2 === 0) {
      firstTimes.push(await first());
      secondTimes.push(await second());
    } else {
      secondTimes.push(await second());
      firstTimes.push(await first());
    }
  }
  return [summarize(firstTimes), summarize(secondTimes)];
}
