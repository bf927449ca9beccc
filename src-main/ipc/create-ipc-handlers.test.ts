import { describe, expect, it } from 'vitest';
import { createFakeControlApi } from '../../src-proxy/management/create-fake-control-api.fixture';
import { isTrustedRendererUrl, type RendererLocation } from '../windows/renderer-location';
import { createIpcHandlers } from './create-ipc-handlers';

const renderer: RendererLocation = { kind: 'file', indexFile: '/opt/app/dist-renderer/index.html' };
const OUR_PAGE = 'file:///opt/app/dist-renderer/index.html#/dashboard';

function setup() {
  const control = createFakeControlApi();
  const handle = createIpcHandlers({ control, isTrustedSender: (url) => isTrustedRendererUrl(url, renderer) });
  return { control, handle };
}

describe('createIpcHandlers', () => {
  it('runs a known operation from our page and wraps the value', async () => {
    const { handle } = setup();
    await expect(handle('proxy.stop', OUR_PAGE, {})).resolves.toMatchObject({ ok: true, value: { state: 'stopped' } });
    await expect(handle('status.get', OUR_PAGE, undefined)).resolves.toMatchObject({ ok: true, value: { state: 'stopped' } });
  });

  it('refuses an unknown channel', async () => {
    const { handle } = setup();
    await expect(handle('config.delete', OUR_PAGE, {})).resolves.toEqual({
      ok: false,
      error: { code: 'UNKNOWN_OPERATION', message: 'Unknown operation.' },
    });
    await expect(handle('__proto__', OUR_PAGE, {})).resolves.toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION' } });
  });

  it('refuses senders other than our renderer page', async () => {
    const { handle, control } = setup();
    for (const url of [
      'https://evil.example/index.html',
      'file:///opt/app/dist-renderer/other.html',
      'file:///tmp/index.html',
      'file://server/opt/app/dist-renderer/index.html',
      'http://localhost:5173/',
      '',
      undefined,
    ]) {
      await expect(handle('proxy.stop', url, {}), String(url)).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(control.status.state).toBe('running');
  });

  it('refuses invalid input without calling the engine', async () => {
    const { handle, control } = setup();
    const result = await handle('proxy.stop', OUR_PAGE, { force: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(control.status.state).toBe('running');
    await expect(handle('status.get', OUR_PAGE, 'not an object')).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('turns an engine error into {ok:false} without stack or secrets', async () => {
    const { handle, control } = setup();
    const error = new Error('upstream refused Bearer sk-abcdef1234567890');
    control.failNextWith = error;
    const result = await handle('proxy.start', OUR_PAGE, {});
    expect(result.ok).toBe(false);
    const serialized = JSON.stringify(result);
    expect(serialized).not.toContain('sk-abcdef');
    expect(serialized).not.toContain(String(error.stack?.split('\n')[1]?.trim()));
    expect(result).toEqual({ ok: false, error: { code: 'FAILED', message: 'upstream refused Bearer [redacted]' } });
  });

  it('trusts the dev server origin in dev', async () => {
    const control = createFakeControlApi();
    const dev: RendererLocation = { kind: 'dev', url: 'http://localhost:5173/' };
    const handle = createIpcHandlers({ control, isTrustedSender: (url) => isTrustedRendererUrl(url, dev) });
    await expect(handle('status.get', 'http://localhost:5173/#/x', {})).resolves.toMatchObject({ ok: true });
    await expect(handle('status.get', 'http://localhost:5174/', {})).resolves.toMatchObject({ ok: false });
  });
});
