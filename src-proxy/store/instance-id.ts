import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** File beside config.yaml holding this engine's team instance id. */
export const instanceIdFileName = 'team-instance-id';

/**
 * This engine's name in the team's shared state (`updated_by`, usage rows' `instance_id`): host name plus
 * a random suffix, made once and kept beside config.yaml, so it stays the same across restarts and the
 * local usage history's row ids stay unique per instance.
 */
export function readInstanceId(dataFolder: string): string {
  const path = join(dataFolder, instanceIdFileName);
  try {
    const stored = readFileSync(path, 'utf8').trim();
    if (stored !== '') return stored;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const created = `${hostname()}-${randomBytes(4).toString('hex')}`;
  writeFileSync(path, `${created}\n`, { mode: 0o600 });
  return created;
}
