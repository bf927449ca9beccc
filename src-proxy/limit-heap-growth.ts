import { setFlagsFromString } from 'node:v8';

/** The old generation may grow to 1.5 x what survived the last full collection before the next one. */
export const HEAP_GROWING_PERCENT = 50;

/**
 * `cliproxy serve` caps how far V8 lets the heap grow between full collections (bench/README.md, "Memory").
 * Left to itself V8 grows the old generation to up to 4 x what survived, so under 64 concurrent streams the
 * engine's RSS climbed to ~215 MB while ~30 MB was live; capped, its peak was ~147 MB at the same CPU per
 * request. Unlike the heap size limits this flag is read at every full collection, so setting it after start
 * takes effect; node accepts it neither in NODE_OPTIONS nor portably on a shebang line. A value given on
 * node's own command line (`node --heap-growing-percent=N bin/cliproxy.js serve`) wins.
 */
export function limitHeapGrowth(execArgv: readonly string[] = process.execArgv, setFlags: (flags: string) => void = setFlagsFromString): void {
  if (execArgv.some((argument) => /^--heap[-_]growing[-_]percent\b/.test(argument))) return;
  setFlags(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
