import { beforeEach, describe, expect, it, vi } from 'vitest';
import { controlOperations } from '../../src-shared/control-contract';
import { createFakeControlApi } from '../../src-proxy/management/create-fake-control-api.fixture';

type Handler = (event: { senderFrame: { url: string } | null }, input: unknown) => Promise<unknown>;

/** A fake of the two Electron objects setup-ipc touches; Electron itself is never loaded in tests. */
const electron = vi.hoisted(() => {
  const handlers = new Map<string, Handler>();
  const windows: Array<{ webContents: { isDestroyed(): boolean; getURL(): string; send: (channel: string, payload: unknown) => void } }> = [];
  return {
    handlers,
    windows,
    module: {
      ipcMain: {
        handle: (channel: string, handler: Handler) => handlers.set(channel, handler),
        removeHandler: (channel: string) => handlers.delete(channel),
      },
      BrowserWindow: { getAllWindows: () => windows },
    },
  };
});
vi.mock('electron', () => electron.module);

const { setupIpc } = await import('./setup-ipc');

const renderer = { kind: 'file', indexFile: '/opt/app/dist-renderer/index.html' } as const;
const OUR_PAGE = 'file:///opt/app/dist-renderer/index.html';

function fakeWindow(url: string) {
  const sent: Array<[string, unknown]> = [];
  const window = {
    webContents: { isDestroyed: () => false, getURL: () => url, send: (channel: string, payload: unknown) => void sent.push([channel, payload]) },
  };
  electron.windows.push(window);
  return sent;
}

describe('setupIpc', () => {
  beforeEach(() => {
    electron.handlers.clear();
    electron.windows.length = 0;
  });

  it('registers exactly one handler per contract operation, and removes them on teardown', () => {
    const teardown = setupIpc({ control: createFakeControlApi(), renderer });
    expect([...electron.handlers.keys()].sort()).toEqual(Object.keys(controlOperations).sort());
    teardown();
    expect(electron.handlers.size).toBe(0);
  });

  it('judges the sender by its frame URL', async () => {
    setupIpc({ control: createFakeControlApi(), renderer });
    const handler = electron.handlers.get('status.get');
    await expect(handler?.({ senderFrame: { url: OUR_PAGE } }, {})).resolves.toMatchObject({ ok: true });
    await expect(handler?.({ senderFrame: { url: 'https://evil.example/' } }, {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    await expect(handler?.({ senderFrame: null }, {})).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('forwards engine events only to windows showing our renderer', () => {
    const control = createFakeControlApi();
    const ours = fakeWindow(OUR_PAGE);
    const foreign = fakeWindow('https://evil.example/');
    const teardown = setupIpc({ control, renderer });
    control.emit('status.changed', { ...control.status, state: 'stopped' });
    expect(ours).toEqual([['status.changed', expect.objectContaining({ state: 'stopped' })]]);
    expect(foreign).toEqual([]);
    teardown();
    control.emit('status.changed', control.status);
    expect(ours).toHaveLength(1);
  });
});
