import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The examples of the configuration guide most users copy from live beside the repository, in `../shared/fixtures/`. */
const guidePath = join(resolve(import.meta.dirname, '..'), '..', 'shared', 'fixtures', 'guide-config.yaml');

/** Path of the guide's example config; throws, naming where it looked, when it is absent. */
export function guideConfigPath(): string {
  if (!existsSync(guidePath)) throw new Error(`the guide's example config is missing; looked for it at ${guidePath}`);
  return guidePath;
}

export function readGuideConfig(): string {
  return readFileSync(guideConfigPath(), 'utf8');
}
