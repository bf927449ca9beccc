import { describe, expect, it, vi } from 'vitest';
import type { ControlResult } from '../../src-shared/control-contract';
import { controlFailure, type ControlClient } from './control-client';
import { reportUnauthorized } from './report-unauthorized';

function clientAnswering(result: ControlResult<unknown>): ControlClient {
  return {
    transport: 'http',
    capabilities: { canStart: true, canStop: false, appSettings: false },
    managementKey: null,
    invoke: (async () => result) as ControlClient['invoke'],
    on: () => () => undefined,
  };
}

describe('reportUnauthorized', () => {
  it('reports an UNAUTHORIZED answer and still returns it', async () => {
    const onUnauthorized = vi.fn();
    const refused = controlFailure('UNAUTHORIZED', 'The management key was not accepted.');
    const client = reportUnauthorized(clientAnswering(refused), onUnauthorized);
    await expect(client.invoke('accounts.list', {})).resolves.toEqual(refused);
    expect(onUnauthorized).toHaveBeenCalledWith('The management key was not accepted.');
  });

  it('stays quiet for answers and other failures', async () => {
    const onUnauthorized = vi.fn();
    await reportUnauthorized(clientAnswering({ ok: true, value: [] }), onUnauthorized).invoke('accounts.list', {});
    await reportUnauthorized(clientAnswering(controlFailure('FAILED', 'Quota is not available yet.')), onUnauthorized).invoke('quota.get', {});
    expect(onUnauthorized).not.toHaveBeenCalled();
  });
});
