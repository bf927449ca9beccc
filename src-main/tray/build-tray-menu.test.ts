import { describe, expect, it } from 'vitest';
import type { EngineStatus } from '../../src-shared/engine-status';
import { buildTrayMenu, type TrayMenuItem } from './build-tray-menu';

const base: EngineStatus = {
  state: 'running',
  host: '127.0.0.1',
  port: 8317,
  baseUrl: 'http://127.0.0.1:8317/v1',
  error: null,
  accounts: 2,
  requestsServed: 5,
};

const labelled = (items: TrayMenuItem[]) =>
  items.flatMap((item) => (item.type === 'normal' ? [{ label: item.label, enabled: item.enabled, action: item.action }] : []));

describe('buildTrayMenu', () => {
  it('running: status line first, Stop, Copy URL enabled', () => {
    const items = buildTrayMenu({ status: base });
    expect(labelled(items)).toEqual([
      { label: 'Running on 127.0.0.1:8317', enabled: false, action: null },
      { label: 'Stop proxy', enabled: true, action: 'toggle-proxy' },
      { label: 'Copy URL', enabled: true, action: 'copy-url' },
      { label: 'Open dashboard', enabled: true, action: 'open-dashboard' },
      { label: 'Quit', enabled: true, action: 'quit' },
    ]);
    expect(items[1]).toEqual({ type: 'separator' });
  });

  it('stopped: Start, Copy URL disabled', () => {
    const items = labelled(buildTrayMenu({ status: { ...base, state: 'stopped', baseUrl: null } }));
    expect(items[0]?.label).toBe('Stopped');
    expect(items[1]).toEqual({ label: 'Start proxy', enabled: true, action: 'toggle-proxy' });
    expect(items[2]).toEqual({ label: 'Copy URL', enabled: false, action: 'copy-url' });
  });

  it('error: the reason in words (bounded), Start offered again', () => {
    const error = 'Port 8317 is already in use. Stop the other program or set another port in config.yaml.';
    const items = labelled(buildTrayMenu({ status: { ...base, state: 'error', baseUrl: null, error } }));
    expect(items[0]?.label.startsWith('Error: Port 8317 is already in use.')).toBe(true);
    expect(items[0]?.label.length).toBeLessThanOrEqual('Error: '.length + 60);
    expect(items[1]).toEqual({ label: 'Start proxy', enabled: true, action: 'toggle-proxy' });
    expect(items[2]?.enabled).toBe(false);
  });

  it('transitions show the state and disable the toggle', () => {
    const starting = labelled(buildTrayMenu({ status: { ...base, state: 'starting', baseUrl: null } }));
    expect(starting[0]?.label).toBe('Starting…');
    expect(starting[1]).toEqual({ label: 'Stop proxy', enabled: false, action: 'toggle-proxy' });
    const stopping = labelled(buildTrayMenu({ status: { ...base, state: 'stopping', baseUrl: null } }));
    expect(stopping[0]?.label).toBe('Stopping…');
    expect(stopping[1]).toEqual({ label: 'Start proxy', enabled: false, action: 'toggle-proxy' });
  });
});
