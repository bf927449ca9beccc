import type { ConfigCheck, ConfigProblemView, ConfigSaveResult } from '../../../src-shared/control/config-types';
import type { ConfigChangeResult, ConfigFile } from '../../config/config-file';
import { deleteConfigValue, setConfigValue, type ConfigKeyPath } from '../../config/config-document';
import type { ConfigProblem } from '../../config/config-problems';

/** The editor's inline check: nothing is written. */
export function validateConfigText(configFile: ConfigFile, text: string): ConfigCheck {
  const result = configFile.validate(text);
  if (result.ok) return { ok: true, kind: null, problems: [] };
  return { ok: false, kind: result.kind === 'invalid_yaml' ? 'yaml' : 'config', problems: result.problems.map(toProblemView) };
}

/** Saves the editor's text if it is a valid config (then it applies live); otherwise changes nothing. */
export async function saveConfigText(configFile: ConfigFile, text: string): Promise<ConfigSaveResult> {
  return toSaveResult(await configFile.replaceText(text));
}

/** The structured settings forms: a few keys set (or removed with null) through the comment-preserving edit. */
export async function setConfigValues(configFile: ConfigFile, values: ReadonlyArray<{ path: ConfigKeyPath; value: unknown }>): Promise<ConfigSaveResult> {
  return toSaveResult(
    await configFile.edit((document) => {
      for (const { path, value } of values) {
        if (value === null) deleteConfigValue(document, path);
        else setConfigValue(document, path, value);
      }
    }),
  );
}

export function toSaveResult(result: ConfigChangeResult): ConfigSaveResult {
  if (result.ok) return { saved: true, unchanged: result.unchanged, restartRequired: result.outcome.restartRequired, listenerRestart: result.outcome.listenerRestart };
  const kind = result.kind === 'invalid_yaml' ? 'yaml' : result.kind === 'invalid_config' ? 'config' : 'write';
  return { saved: false, kind, problems: result.problems.map(toProblemView) };
}

export function toProblemView(problem: ConfigProblem): ConfigProblemView {
  return { path: problem.path, message: problem.message, line: problem.line ?? null, column: problem.column ?? null };
}
