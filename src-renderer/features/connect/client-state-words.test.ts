import { describe, expect, it } from 'vitest';
import { describeClientState } from './client-state-words';

describe('describeClientState', () => {
  it('gives each state its words and status colour', () => {
    expect(describeClientState({ state: 'connected', fileExists: true })).toMatchObject({ label: 'Connected', tone: 'ok' });
    expect(describeClientState({ state: 'changed-since-connect', fileExists: true })).toMatchObject({ label: 'Changed since connect', tone: 'busy' });
    expect(describeClientState({ state: 'not-connected', fileExists: true })).toMatchObject({ label: 'Not connected', tone: 'neutral' });
  });

  it('says that Connect creates a missing settings file', () => {
    expect(describeClientState({ state: 'not-connected', fileExists: false }).detail).toMatch(/Connect creates it/);
  });
});
