import type { Logger } from 'pino';
import { parseDocument } from 'yaml';
import type { ConfigFile } from '../../config/config-file';
import { SHARED_CONFIG_KEYS } from '../../config/shared-config-keys';
import { readSharedConfigPart, writeSharedConfigValues } from '../../config/shared-config-part';
import type { PostgresStore } from '../../store/postgres/postgres-store';
import type { SharedValue } from '../../store/postgres/shared-settings';
import { localConfigChanges, teamConfigChanges } from '../../store/team-config-changes';

/** Told after every config the engine applied; publishes the shared keys that changed here. */
export type ConfigPublisher = () => void;

/**
 * The shared part of config.yaml on a team server (docs/team-server.md#shared-config): the team's values are
 * rows in the database; each engine keeps them in its own config.yaml, so the management routes, the editor
 * and everything that reads the config work as on one engine. A change applied here (a management route, a
 * control operation, the editor, the file edited on disk) publishes the shared keys it changed; a change by
 * another engine is written into this engine's file (comments and per-engine keys kept) and applied through
 * the same path. Applying the team's values publishes nothing (they are the base now): no echo.
 *
 * All reads and writes of the database run one after another, and each read compares against the base (the
 * values and versions this engine last agreed with the team on): a key the team changed since is taken; a
 * key changed only here (while the database was away) is published. At the first contact the team's values
 * win; a team with none takes this engine's.
 */
export async function shareConfig(teamStore: PostgresStore, configFile: ConfigFile, logger: Logger): Promise<ConfigPublisher> {
  const settings = teamStore.sharedSettings(SHARED_CONFIG_KEYS);
  let base: Map<string, SharedValue> = new Map();
  let joined = false;
  let queue: Promise<void> = Promise.resolve();
  let syncQueued = false;
  const enqueue = (task: () => Promise<void>) => {
    queue = queue.then(task).catch((error: unknown) => logger.warn({ error: errorText(error) }, 'team config synchronisation failed'));
  };
  const servedPart = () => readSharedConfigPart(parseDocument(configFile.servedText()));

  const publishChanges = async () => {
    const changed = localConfigChanges(base, servedPart());
    if (changed.size === 0) return;
    try {
      const version = await settings.write(changed);
      if (version === null) return;
      for (const [key, value] of changed) base.set(key, { value, version });
      logger.info({ keys: [...changed.keys()], version }, 'config change published to the team');
    } catch (error) {
      logger.warn({ keys: [...changed.keys()], error: errorText(error) }, 'team store unreachable: the config change stays on this engine until it returns');
    }
  };

  const synchronise = async () => {
    syncQueued = false;
    let team: Map<string, SharedValue>;
    try {
      // The first engine of a team (or the first to know a newly shared key) makes its values the team's.
      if (!joined) await settings.write(servedPart(), true);
      team = await settings.read();
    } catch (error) {
      logger.warn({ error: errorText(error) }, 'team store unreachable: the shared config is this engine\'s own until it returns');
      return;
    }
    let next = base;
    const result = await configFile.edit((document) => {
      const changes = teamConfigChanges(base, team);
      next = changes.base;
      writeSharedConfigValues(document, changes.take);
    });
    // Refused here (the file on disk is broken, or the team's values do not validate on this engine): keep
    // the old base, so this engine neither takes nor publishes back those keys; the next change retries.
    if (!result.ok) {
      logger.warn({ problems: result.problems.length, kind: result.kind }, 'the team\'s shared config could not be applied here; this engine keeps its file');
      return;
    }
    base = next;
    joined = true;
    if (!result.unchanged) logger.info('shared config changed by another team engine: applied');
    await publishChanges();
  };

  const requestSync = () => {
    if (syncQueued) return;
    syncQueued = true;
    enqueue(synchronise);
  };

  await settings.watch(requestSync);
  requestSync();
  await queue;
  return () => {
    if (joined && localConfigChanges(base, servedPart()).size > 0) enqueue(publishChanges);
  };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
