import { sameConfigValue, type SharedConfigPart } from '../config/shared-config-part';
import type { SharedValue } from './postgres/shared-settings';

/**
 * What an engine last agreed with the team on, per shared key: the value and the version of the write that
 * set it (docs/team-server.md#shared-config). A key missing here is one this engine has never synchronised.
 */
export type TeamConfigBase = ReadonlyMap<string, SharedValue>;

/**
 * The keys another engine changed since `base` (the team's version differs from the one this engine knows):
 * these are taken, whatever this engine holds for them. Returns their values and the new base.
 */
export function teamConfigChanges(base: TeamConfigBase, team: ReadonlyMap<string, SharedValue>): { take: Map<string, unknown>; base: Map<string, SharedValue> } {
  const take = new Map<string, unknown>();
  const next = new Map(base);
  for (const [key, shared] of team) {
    if (base.get(key)?.version === shared.version) continue;
    take.set(key, shared.value);
    next.set(key, shared);
  }
  return { take, base: next };
}

/** The keys this engine changed since `base` (or never published): what it has to publish. */
export function localConfigChanges(base: TeamConfigBase, local: SharedConfigPart): Map<string, unknown> {
  const changed = new Map<string, unknown>();
  for (const [key, value] of local) {
    const known = base.get(key);
    if (known === undefined || !sameConfigValue(known.value, value)) changed.set(key, value);
  }
  return changed;
}
