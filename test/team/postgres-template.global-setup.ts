import { rm } from 'node:fs/promises';
import { createPostgresTemplate, templateVariable } from './start-test-postgres';

/** Runs initdb once per `npm run test:team`; every suite's server starts from a copy of it. */
export default async function setup(): Promise<() => Promise<void>> {
  const template = await createPostgresTemplate();
  process.env[templateVariable] = template.data;
  return async () => {
    delete process.env[templateVariable];
    await rm(template.folder, { recursive: true, force: true });
  };
}
