import { describe, expect, it } from 'vitest';
import { browserSuitesRun, skippedBrowserSuitesLine } from './browser-availability';

describe('browser suites without Chromium: skipped with one line locally, failing under CI', () => {
  it('run with Chromium, or under CI even without it (so a missing browser fails there); skip otherwise', () => {
    expect(browserSuitesRun({ chromiumFound: true, ci: undefined })).toBe(true);
    expect(browserSuitesRun({ chromiumFound: false, ci: 'true' })).toBe(true);
    expect(browserSuitesRun({ chromiumFound: false, ci: '1' })).toBe(true);
    expect(browserSuitesRun({ chromiumFound: false, ci: undefined })).toBe(false);
    expect(browserSuitesRun({ chromiumFound: false, ci: 'false' })).toBe(false);
    expect(browserSuitesRun({ chromiumFound: false, ci: '' })).toBe(false);
  });

  const modules = ['/repo/test/e2e/usage-config.e2e.test.ts', '/repo/src-proxy/cli-help.test.ts', '/repo/test/e2e/dashboard.e2e.test.ts', '/repo/test/e2e/browser-availability.test.ts'];

  it('names each skipped browser suite of the run and how to install the browser', () => {
    expect(skippedBrowserSuitesLine(modules, false, '/repo', '/usr/bin/chromium')).toBe(
      "Browser suites SKIPPED (no /usr/bin/chromium): test/e2e/dashboard.e2e.test.ts, test/e2e/usage-config.e2e.test.ts. To run them, install Debian's chromium: sudo apt-get install -y chromium (with CI=true a missing browser fails instead).",
    );
  });

  it('says nothing when the suites ran or the run had none', () => {
    expect(skippedBrowserSuitesLine(modules, true, '/repo')).toBeNull();
    expect(skippedBrowserSuitesLine(['/repo/src-proxy/cli-help.test.ts'], false, '/repo')).toBeNull();
  });
});
