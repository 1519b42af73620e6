// Small timing helpers shared by the benchmarks.

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** 1234567 → "1,234,567"; keeps one decimal below 100. */
export function fmtRate(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value < 100 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US');
}

export function fmtRatio(value: number): string {
  return Number.isFinite(value) ? value.toFixed(2) : 'n/a';
}

export function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export interface RoundResult {
  /** Operations per second of each timed round. */
  rounds: number[];
  median: number;
}

/**
 * Runs `op` synchronously in batches: warm-up for `warmupMs`, then `rounds` timed rounds of at
 * least `roundMs` each; reports the median rate. `op` returns something so the JIT cannot drop it.
 */
export function timeSync(op: () => unknown, options: { warmupMs?: number; rounds?: number; roundMs?: number } = {}): RoundResult {
  const { warmupMs = 300, rounds = 7, roundMs = 300 } = options;
  let sink = 0;
  const batch = 2_000;
  const run = (ms: number) => {
    const start = nowMs();
    let ops = 0;
    let elapsed = 0;
    do {
      for (let i = 0; i < batch; i++) if (op()) sink++;
      ops += batch;
      elapsed = nowMs() - start;
    } while (elapsed < ms);
    return (ops / elapsed) * 1000;
  };
  run(warmupMs);
  const results: number[] = [];
  for (let r = 0; r < rounds; r++) results.push(run(roundMs));
  if (sink === -1) console.log(sink);
  return { rounds: results, median: median(results) };
}

/** Like timeSync for async operations with `concurrency` in flight: fixed operation counts per round. */
export async function timeAsync(
  op: (i: number) => Promise<unknown>,
  options: { warmupOps?: number; rounds?: number; opsPerRound?: number; concurrency?: number } = {},
): Promise<RoundResult> {
  const { warmupOps = 300, rounds = 5, opsPerRound = 1_000, concurrency = 1 } = options;
  let counter = 0;
  const run = async (ops: number) => {
    let next = 0;
    const start = nowMs();
    const worker = async () => {
      while (next < ops) {
        next++;
        await op(counter++);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return (ops / (nowMs() - start)) * 1000;
  };
  await run(warmupOps);
  const results: number[] = [];
  for (let r = 0; r < rounds; r++) results.push(await run(opsPerRound));
  return { rounds: results, median: median(results) };
}

export function spread(result: RoundResult): string {
  const min = Math.min(...result.rounds);
  const max = Math.max(...result.rounds);
  return `${fmtRate(min)}..${fmtRate(max)}`;
}

/** A latency in ms: µs below 1 ms, "n/a" when wrk gave none. */
export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  return ms < 1 ? `${(ms * 1000).toFixed(0)}us` : `${ms.toFixed(2)}ms`;
}

/** CPU time per request in µs; "-" when not measured. */
export function fmtUs(us: number): string {
  return Number.isFinite(us) ? `${us.toFixed(0)}us` : '-';
}
