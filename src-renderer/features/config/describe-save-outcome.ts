import type { ConfigSaveResult } from '../../../src-shared/control/config-types';
import { describeProblem } from './problems-to-diagnostics';

export interface SaveOutcome {
  tone: 'ok' | 'busy' | 'error';
  /** One sentence: what happened. */
  title: string;
  /** What follows from it, one line each (the keys that need a restart, the reasons for a refusal). */
  details: string[];
}

/** What the user reads after Save: applied live, listener restarting, needs an app restart for some keys, or refused. */
export function describeSaveOutcome(result: ConfigSaveResult): SaveOutcome {
  if (!result.saved) {
    const title =
      result.kind === 'yaml'
        ? 'Not saved: the text is not valid YAML. config.yaml is unchanged.'
        : result.kind === 'config'
          ? 'Not saved: the settings have problems. config.yaml is unchanged.'
          : 'Not saved: config.yaml could not be written. Check that its folder is writable, then save again.';
    return { tone: 'error', title, details: result.problems.map(describeProblem) };
  }
  if (result.unchanged) return { tone: 'ok', title: 'Nothing to save: config.yaml already has these settings.', details: [] };
  const details: string[] = [];
  if (result.listenerRestart) details.push('The proxy is restarting its listener for the new address: clients reconnect in a moment.');
  if (result.restartRequired.length > 0) details.push(`Restart the app to apply: ${result.restartRequired.join(', ')}. Everything else is live now.`);
  const title = result.restartRequired.length > 0 ? 'Saved. Some settings need an app restart.' : result.listenerRestart ? 'Saved and applied; the listener is restarting.' : 'Saved and applied live.';
  return { tone: result.restartRequired.length > 0 || result.listenerRestart ? 'busy' : 'ok', title, details };
}
