import { describe, expect, it } from 'vitest';
import type { EngineStatus } from '../../../src-shared/engine-status';
import { describeEngineStatus } from './describe-engine-status';

const base: EngineStatus = { state: 'running', host: '127.0.0.1', port: 8317, baseUrl: null, error: null, accounts: 0, requestsServed: 0, teamStore: false };

describe('describeEngineStatus', () => {
  it('says each state in words', () => {
    expect(describeEngineStatus(base)).toEqual({ headline: 'Running', detail: 'on 127.0.0.1:8317', tone: 'ok' });
    expect(describeEngineStatus({ ...base, state: 'stopped' }).headline).toBe('Stopped');
    expect(describeEngineStatus({ ...base, state: 'starting' }).tone).toBe('busy');
    expect(describeEngineStatus({ ...base, state: 'error', error: 'Port 8317 is already in use.' })).toEqual({
      headline: 'Error',
      detail: 'Port 8317 is already in use.',
      tone: 'error',
    });
  });
});
