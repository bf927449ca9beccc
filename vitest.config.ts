import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src-*/**/*.test.ts', 'src-*/**/*.test.tsx', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Integration tests run real servers on loopback; two workers match this machine's two cores.
    maxWorkers: 2,
  },
});
