import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src-*/**/*.test.ts', 'src-*/**/*.test.tsx', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Integration tests run real servers on loopback; two workers match this machine's two cores.
    maxWorkers: 2,
    // The default output plus one line when the browser suites were skipped for want of Chromium.
    reporters: ['default', './test/e2e/skipped-browser-suites-reporter.ts'],
    // The main-process suite replaces `electron` with a stand-in (vi.mock); electron-store imports it
    // from node_modules, which the mock reaches only when the package is inlined.
    server: { deps: { inline: ['electron-store'] } },
  },
});
