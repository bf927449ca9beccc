import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { controlEvents, controlOperations, type ControlBridge } from '../../src-shared/control-contract';

/**
 * Runs preload.cjs with a fake `require('electron')`: the sandboxed preload cannot import the contract,
 * so this is where its allowlists are held to it.
 */
function loadPreload() {
  const source = readFileSync(join(import.meta.dirname, 'preload.cjs'), 'utf8');
  const exposed = new Map<string, unknown>();
  const listeners = new Map<string, Array<(event: unknown, payload: unknown) => void>>();
  const ipcRenderer = {
    invoke: vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } })),
    on: vi.fn((channel: string, listener: (event: unknown, payload: unknown) => void) => {
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
    }),
    removeListener: vi.fn((channel: string, listener: (event: unknown, payload: unknown) => void) => {
      listeners.set(channel, (listeners.get(channel) ?? []).filter((item) => item !== listener));
    }),
  };
  const electron = { contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) }, ipcRenderer };
  const fakeRequire = (name: string): unknown => {
    if (name !== 'electron') throw new Error(`sandboxed preload cannot require ${name}`);
    return electron;
  };
  const run = new Function('require', `${source}\nreturn { OPERATIONS, EVENTS };`) as (
    require: (name: string) => unknown,
  ) => { OPERATIONS: readonly string[]; EVENTS: readonly string[] };
  const lists = run(fakeRequire);
  return { lists, exposed, ipcRenderer, listeners, bridge: exposed.get('cliproxy') as ControlBridge };
}

describe('preload.cjs', () => {
  it('allowlists exactly the contract operations and events', () => {
    const { lists } = loadPreload();
    expect([...lists.OPERATIONS].sort()).toEqual(Object.keys(controlOperations).sort());
    expect([...lists.EVENTS].sort()).toEqual([...controlEvents].sort());
  });

  it('exposes only window.cliproxy = { invoke, on }', () => {
    const { exposed, bridge } = loadPreload();
    expect([...exposed.keys()]).toEqual(['cliproxy']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('forwards known operations and never sends unknown ones', async () => {
    const { bridge, ipcRenderer } = loadPreload();
    await expect(bridge.invoke('status.get', undefined)).resolves.toEqual({ ok: true, value: { channel: 'status.get', input: {} } });
    await expect(bridge.invoke('ELECTRON_BROWSER_REQUIRE', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_OPERATION' },
    });
    expect(ipcRenderer.invoke).toHaveBeenCalledTimes(1);
  });

  it('subscribes to known events, passes only the payload, and unsubscribes', () => {
    const { bridge, listeners } = loadPreload();
    const received: unknown[] = [];
    const unsubscribe = bridge.on('status.changed', (...args: unknown[]) => received.push(args));
    for (const listener of listeners.get('status.changed') ?? []) listener({ sender: 'ipc internals' }, { state: 'running' });
    expect(received).toEqual([[{ state: 'running' }]]);
    unsubscribe();
    expect(listeners.get('status.changed')).toEqual([]);
    expect(() => bridge.on('login.secret', () => undefined)).toThrow('Unknown control event.');
  });
});
