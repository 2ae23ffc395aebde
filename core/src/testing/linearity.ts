/**
 * Test support: checks that a function's running time grows no faster than its input.
 *
 * It times the function on an input of size n and on one of size `factor`·n and compares the
 * two, so the verdict does not depend on how fast or busy the machine is. Linear work makes the
 * ratio about `factor` (16), quadratic work about `factor`² (256); the default limit, 3·factor,
 * sits far from both. Each size is timed several times and the fastest run kept, which drops
 * pauses caused by other processes and garbage collection. The function runs in a loop long
 * enough that the small input takes a few milliseconds, so timer resolution cannot inflate the
 * ratio.
 */

export interface GrowthOptions {
  /** Size of the small input; the large one is `factor` times bigger. */
  size: number;
  factor?: number;
  /** Largest accepted (large time / small time); defaults to 3·factor. */
  maxRatio?: number;
  repetitions?: number;
  /** How long one timed sample of the small input should last, in milliseconds. */
  sampleMs?: number;
}

export interface Growth {
  smallMs: number;
  largeMs: number;
  ratio: number;
  maxRatio: number;
}

const MAX_LOOPS = 1 << 16;

/** Times `run` on `makeInput(size)` and `makeInput(factor·size)`; see the module comment. */
export function measureGrowth<T>(
  run: (input: T) => unknown,
  makeInput: (size: number) => T,
  options: GrowthOptions,
): Growth {
  const factor = options.factor ?? 16;
  const repetitions = options.repetitions ?? 5;
  const small = makeInput(options.size);
  const large = makeInput(options.size * factor);
  const loops = loopsFor(run, small, options.sampleMs ?? 4);
  const smallMs = fastest(run, small, loops, repetitions);
  const largeMs = fastest(run, large, loops, repetitions);
  return { smallMs, largeMs, ratio: largeMs / smallMs, maxRatio: options.maxRatio ?? 3 * factor };
}

/** Throws when `run` grows faster than linearly between the two sizes. */
export function assertLinear<T>(
  label: string,
  run: (input: T) => unknown,
  makeInput: (size: number) => T,
  options: GrowthOptions,
): Growth {
  const growth = measureGrowth(run, makeInput, options);
  if (growth.ratio > growth.maxRatio) {
    const factor = options.factor ?? 16;
    throw new Error(
      `${label}: ${factor}x the input took ${growth.ratio.toFixed(0)}x the time ` +
        `(${growth.smallMs.toFixed(2)} ms -> ${growth.largeMs.toFixed(2)} ms); linear work stays under ${growth.maxRatio}x`,
    );
  }
  return growth;
}

function loopsFor<T>(run: (input: T) => unknown, input: T, sampleMs: number): number {
  let loops = 1;
  while (loops < MAX_LOOPS && timeLoops(run, input, loops) < sampleMs) loops *= 2;
  return loops;
}

function fastest<T>(run: (input: T) => unknown, input: T, loops: number, repetitions: number): number {
  let best = Infinity;
  for (let i = 0; i < repetitions; i++) best = Math.min(best, timeLoops(run, input, loops));
  return best;
}

function timeLoops<T>(run: (input: T) => unknown, input: T, loops: number): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < loops; i++) run(input);
  return Number(process.hrtime.bigint() - start) / 1e6;
}
