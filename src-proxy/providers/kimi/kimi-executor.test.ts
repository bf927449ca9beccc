import { describe, expect, it } from 'vitest';
import type { Credential } from '../../routing/credential';
import { buildKimiRequest, prepareKimiBody } from './kimi-executor';
import { kimiApiDeviceModel, kimiLoginDeviceModel } from './kimi-identity';
import { kimiUpstreamModel } from './kimi-models';

describe('kimiUpstreamModel', () => {
  it('names models as the Kimi API knows them, idempotently', () => {
    const cases: Array<[string, string]> = [
      ['kimi-k2.6', 'k2.6'],
      ['KIMI-K3', 'k3'],
      ['kimi-k3[1m]', 'k3'],
      ['kimi-k2.7-code', 'kimi-for-coding'],
      ['k2.7-code-highspeed', 'kimi-for-coding-highspeed'],
      ['kimi-for-coding', 'kimi-for-coding'],
      ['k2', 'k2'],
    ];
    for (const [model, upstream] of cases) {
      expect(kimiUpstreamModel(model)).toBe(upstream);
      expect(kimiUpstreamModel(upstream)).toBe(upstream);
    }
  });
});

describe('prepareKimiBody', () => {
  it('renames the model, asks streams for usage and turns reasoning_effort into Kimi thinking', () => {
    const body: Record<string, unknown> = { model: 'kimi-k2.6', stream: true, stream_options: { other: 1 }, reasoning_effort: 'low', messages: [{ role: 'user', content: 'hi' }] };
    prepareKimiBody(body);
    expect(body).toEqual({ model: 'k2.6', stream: true, stream_options: { other: 1, include_usage: true }, thinking: { type: 'enabled', effort: 'low' }, messages: [{ role: 'user', content: 'hi' }] });
    const off: Record<string, unknown> = { model: 'kimi-k2', reasoning_effort: 'none', messages: [] };
    prepareKimiBody(off);
    expect(off).toEqual({ model: 'k2', thinking: { type: 'disabled' }, messages: [] });
  });
});

describe('buildKimiRequest', () => {
  const credential = {
    baseUrl: 'https://api.kimi.com/coding',
    apiKey: 'token-1',
    headers: { 'X-Extra': 'yes', 'x-msh-version': 'custom' },
    oauth: { deviceId: 'device-9' },
  } as unknown as Credential;

  it('posts chat completions with the bearer, CLIProxyAPI identity and the file device id; file headers come last', () => {
    const request = buildKimiRequest(credential, { operation: 'generate', model: 'k2', stream: true }, '{}', {});
    expect(request.url).toBe('https://api.kimi.com/coding/v1/chat/completions');
    expect(request.headers).toEqual({
      'content-type': 'application/json',
      'user-agent': 'CLIProxyAPI/7.2.99',
      'x-msh-platform': 'CLIProxyAPI',
      'x-msh-version': 'custom',
      'x-msh-device-name': expect.any(String),
      'x-msh-device-model': kimiApiDeviceModel(),
      'x-msh-device-id': 'device-9',
      accept: 'text/event-stream',
      authorization: 'Bearer token-1',
      'x-extra': 'yes',
    });
  });
});

describe('Kimi device models', () => {
  it('prints Go names: the login in CLIProxyAPI login form, the API in kimi-cli form', () => {
    expect(kimiLoginDeviceModel({ platform: 'darwin', arch: 'arm64', hostname: 'h' })).toBe('macOS arm64');
    expect(kimiLoginDeviceModel({ platform: 'win32', arch: 'x64', hostname: 'h' })).toBe('Windows amd64');
    expect(kimiLoginDeviceModel({ platform: 'linux', arch: 'x64', hostname: 'h' })).toBe('Linux amd64');
    expect(kimiLoginDeviceModel({ platform: 'freebsd', arch: 'ia32', hostname: 'h' })).toBe('freebsd 386');
    expect(kimiApiDeviceModel({ platform: 'win32', arch: 'x64', hostname: 'h' })).toBe('windows amd64');
    expect(kimiApiDeviceModel({ platform: 'darwin', arch: 'arm64', hostname: 'h' })).toBe('darwin arm64');
  });
});
