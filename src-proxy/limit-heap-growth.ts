import { setFlagsFromString } from 'node:v8';

/** The old generation may grow to 1.5 x what survived the last full collection before the next one. */
export const HEAP_GROWING_PERCENT = 50;
/** V8's own default, which bin/cliproxy.js lowers to 1 while the engine loads and starts. */
export const SEMI_SPACE_GROWTH_FACTOR = 2;

/**
 * V8 heap settings of `cliproxy serve` once it has started (bench/README.md, "Memory"):
 * - the young generation grows again as V8 grows it by default: bin/cliproxy.js kept it at its initial size
 *   while the modules loaded and the engine started (loading grew it to 2 x 16 MB, which then sat idle as
 *   ~12 MB of the idle RSS);
 * - the old generation grows at most to 1.5 x what survived the last full collection (left to itself V8 allows
 *   up to 4 x: under 64 concurrent streams the RSS climbed to ~215 MB while ~30 MB was live; capped, it stays
 *   near 150 MB at the same CPU per request).
 * V8 reads both flags whenever it resizes, so setting them at run time takes effect (measured); node accepts
 * them neither in NODE_OPTIONS nor portably on a shebang line. A value given on node's own command line
 * (`node --heap-growing-percent=N bin/cliproxy.js serve`) wins.
 */
export function limitHeapGrowth(execArgv: readonly string[] = process.execArgv, setFlags: (flags: string) => void = setFlagsFromString): void {
  const given = (flag: string) => execArgv.some((argument) => new RegExp(`^--${flag.replaceAll('-', '[-_]')}\\b`).test(argument));
  if (!given('semi-space-growth-factor')) setFlags(`--semi-space-growth-factor=${SEMI_SPACE_GROWTH_FACTOR}`);
  if (!given('heap-growing-percent')) setFlags(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
