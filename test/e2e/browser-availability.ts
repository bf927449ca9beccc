import { existsSync } from 'node:fs';
import { relative } from 'node:path';

/** Debian's Chromium (or CLIPROXY_CHROMIUM, a browser elsewhere); playwright-core never downloads a browser. */
export const CHROMIUM = process.env.CLIPROXY_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Whether the browser suites run: with Chromium installed, and always under CI (`CI` set to anything but
 * `false`/`0`), where a missing browser must fail loudly instead of skipping.
 */
export function browserSuitesRun(environment: { chromiumFound: boolean; ci: string | undefined }): boolean {
  const ci = environment.ci !== undefined && !['', 'false', '0'].includes(environment.ci.toLowerCase());
  return environment.chromiumFound || ci;
}

export const browserAvailable = browserSuitesRun({ chromiumFound: existsSync(CHROMIUM), ci: process.env.CI });

/** A browser suite: its file name ends in `.e2e.test.ts`. */
export function isBrowserSuite(moduleId: string): boolean {
  return moduleId.endsWith('.e2e.test.ts');
}

/**
 * The one line `npm test` prints when the browser suites of this run were skipped; null when none were
 * (Chromium found, CI, or no browser suite in the run).
 */
export function skippedBrowserSuitesLine(moduleIds: readonly string[], suitesRun: boolean, projectRoot: string, chromium = CHROMIUM): string | null {
  const skipped = moduleIds.filter(isBrowserSuite).map((moduleId) => relative(projectRoot, moduleId).split('\\').join('/'));
  if (suitesRun || skipped.length === 0) return null;
  return `Browser suites SKIPPED (no ${chromium}): ${skipped.sort().join(', ')}. To run them, install Debian's chromium: sudo apt-get install -y chromium (with CI=true a missing browser fails instead).`;
}
