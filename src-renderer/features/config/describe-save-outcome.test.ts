import { describe, expect, it } from 'vitest';
import { describeSaveOutcome } from './describe-save-outcome';

describe('the outcome shown after Save', () => {
  it('applied live', () => {
    expect(describeSaveOutcome({ saved: true, unchanged: false, restartRequired: [], listenerRestart: false })).toEqual({ tone: 'ok', title: 'Saved and applied live.', details: [] });
  });

  it('listener restarting', () => {
    const outcome = describeSaveOutcome({ saved: true, unchanged: false, restartRequired: [], listenerRestart: true });
    expect(outcome.tone).toBe('busy');
    expect(outcome.title).toBe('Saved and applied; the listener is restarting.');
    expect(outcome.details).toEqual(['The proxy is restarting its listener for the new address: clients reconnect in a moment.']);
  });

  it('needs an app restart for named keys', () => {
    const outcome = describeSaveOutcome({ saved: true, unchanged: false, restartRequired: ['auth-dir', 'usage-statistics-enabled'], listenerRestart: false });
    expect(outcome).toEqual({
      tone: 'busy',
      title: 'Saved. Some settings need an app restart.',
      details: ['Restart the app to apply: auth-dir, usage-statistics-enabled. Everything else is live now.'],
    });
  });

  it('nothing to save', () => {
    expect(describeSaveOutcome({ saved: true, unchanged: true, restartRequired: [], listenerRestart: false }).title).toBe('Nothing to save: config.yaml already has these settings.');
  });

  it('rejected, with the reasons and the promise that nothing changed', () => {
    const outcome = describeSaveOutcome({ saved: false, kind: 'config', problems: [{ path: 'port', message: 'Expected number', line: 2, column: 7 }] });
    expect(outcome).toEqual({ tone: 'error', title: 'Not saved: the settings have problems. config.yaml is unchanged.', details: ['Line 2, column 7: port: Expected number'] });
    expect(describeSaveOutcome({ saved: false, kind: 'yaml', problems: [] }).title).toBe('Not saved: the text is not valid YAML. config.yaml is unchanged.');
    expect(describeSaveOutcome({ saved: false, kind: 'write', problems: [] }).title).toMatch(/could not be written/);
  });
});
