import type { Logger } from 'pino';
import type { ConfigFile } from '../../config/config-file';
import { setConfigValue } from '../../config/config-document';
import type { EngineConfig } from '../../config/engine-config';
import type { PostgresStore } from '../../store/postgres/postgres-store';

/** Told of every config the engine applied; publishes the client keys when they changed here. */
export type ClientKeysPublisher = (config: EngineConfig) => void;

const section = 'api-keys';

/**
 * Client API keys on a team server (docs/team-server.md#client-api-keys): the team's list is a shared
 * setting in the database; each engine keeps it in its own config.yaml (`api-keys`), so the management
 * routes, the editor and client authentication work as on one engine. A change applied here (a
 * management route, the editor, the file) is published; another engine's change is written into this
 * engine's file and applied. At start, and when notifications resume after an outage, the team's list
 * wins; the first engine of a team publishes its own.
 */
export async function shareClientKeys(teamStore: PostgresStore, configFile: ConfigFile, logger: Logger): Promise<ClientKeysPublisher> {
  const setting = teamStore.sharedSetting(section, parseKeyList);
  /** The list last read from or written to the database: a local config equal to it has nothing to publish. */
  let known: string[] | null = null;

  const adoptTeamList = async () => {
    try {
      const shared = await setting.read();
      if (shared === null) return;
      known = shared;
      if (sameList(shared, configFile.config().apiKeys)) return;
      const result = await configFile.edit((document) => setConfigValue(document, [section], shared));
      if (result.ok) logger.info({ keys: shared.length }, 'client API keys changed by another team engine');
      else logger.warn({ problems: result.problems.length }, 'client API keys from the team store could not be saved here');
    } catch (error) {
      logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'team store unreachable: client API keys not read');
    }
  };

  try {
    await setting.write(configFile.config().apiKeys, true);
  } catch (error) {
    logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'team store unreachable: client API keys are this engine\'s own until it returns');
  }
  await adoptTeamList();
  await setting.watch(() => void adoptTeamList());

  return (config) => {
    if (known !== null && sameList(known, config.apiKeys)) return;
    const keys = [...config.apiKeys];
    known = keys;
    setting.write(keys).catch((error: unknown) => logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'team store unreachable: the client API key change stays on this engine'));
  };
}

function parseKeyList(value: unknown): string[] | null {
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : null;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}
