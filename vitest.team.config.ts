import { defineConfig } from 'vitest/config';

/**
 * `npm run test:team`: the team-server suites (test/team/), each against its own real PostgreSQL in a
 * temp folder. Separate from `npm test` because they need PostgreSQL installed (.ci/run installs it).
 */
export default defineConfig({
  test: {
    include: ['test/team/**/*.test.ts'],
    globalSetup: ['test/team/postgres-template.global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
  },
});
