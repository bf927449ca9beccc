import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EngineState, EngineStatus } from '../../src-shared/engine-status';
import { trayIconFileName, trayIconState, type TrayIconState } from './tray-icon-state';

const status = (state: EngineState): EngineStatus => ({
  state,
  host: '127.0.0.1',
  port: 8317,
  baseUrl: null,
  error: null,
  accounts: 0,
  requestsServed: 0,
  teamStore: false,
});

describe('trayIconState', () => {
  it('maps every engine state', () => {
    expect(trayIconState(status('running'))).toBe('running');
    expect(trayIconState(status('error'))).toBe('error');
    expect(trayIconState(status('stopped'))).toBe('stopped');
    expect(trayIconState(status('starting'))).toBe('stopped');
    expect(trayIconState(status('stopping'))).toBe('stopped');
  });

  it('names template images on macOS only, and every named file ships in assets/ with a @2x', () => {
    const assets = join(import.meta.dirname, '..', '..', 'assets');
    for (const state of ['running', 'stopped', 'error'] satisfies TrayIconState[]) {
      expect(trayIconFileName(state, 'darwin')).toBe(`tray-${state}Template.png`);
      expect(trayIconFileName(state, 'win32')).toBe(`tray-${state}.png`);
      for (const platform of ['darwin', 'linux'] as const) {
        const file = trayIconFileName(state, platform);
        expect(existsSync(join(assets, file)), file).toBe(true);
        expect(existsSync(join(assets, file.replace('.png', '@2x.png'))), file).toBe(true);
      }
    }
  });
});
