import { describe, expect, it, vi } from 'vitest';
import type { ControlBridge } from '../../src-shared/control-contract';
import { createControlClient } from './create-control-client';

const storage = { getItem: () => null, setItem: () => undefined, removeItem: () => undefined };

describe('createControlClient', () => {
  it('uses IPC when the preload bridge exists: Start and Stop offered, no key', async () => {
    const bridge: ControlBridge = {
      invoke: vi.fn(async () => ({ ok: true as const, value: { state: 'stopped' } })),
      on: vi.fn(() => () => undefined),
    };
    const fetchImpl = vi.fn<typeof fetch>();
    const client = createControlClient({ bridge, storage, fetch: fetchImpl });
    expect(client.transport).toBe('ipc');
    expect(client.capabilities).toEqual({ canStart: true, canStop: true, appSettings: true });
    expect(client.managementKey).toBeNull();
    await expect(client.invoke('proxy.stop', {})).resolves.toMatchObject({ ok: true });
    expect(bridge.invoke).toHaveBeenCalledWith('proxy.stop', {});
    expect(fetchImpl).not.toHaveBeenCalled();
  });

  it('turns a broken or odd bridge answer into a ControlResult', async () => {
    const failing: ControlBridge = { invoke: async () => Promise.reject(new Error('No handler registered')), on: () => () => undefined };
    await expect(createControlClient({ bridge: failing, storage, fetch }).invoke('status.get', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE' },
    });
    const odd = { invoke: async () => 'surprise', on: () => () => undefined } as unknown as ControlBridge;
    await expect(createControlClient({ bridge: odd, storage, fetch }).invoke('status.get', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'FAILED' },
    });
  });

  it('uses HTTP in a browser, with a management key store', () => {
    const client = createControlClient({ bridge: undefined, storage, fetch });
    expect(client.transport).toBe('http');
    expect(client.capabilities.canStop).toBe(false);
    expect(client.managementKey).not.toBeNull();
  });
});
