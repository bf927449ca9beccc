import { describe, expect, it } from 'vitest';
import { configFormChanges, configFormDefaults, configFormProblem, readConfigForm } from './config-form-values';

describe('readConfigForm', () => {
  it('reads the form fields from config.yaml', () => {
    const text = 'host: 0.0.0.0 # LAN\nport: 9000\napi-keys: [sk-1]\nrouting:\n  strategy: ff\nrequest-retry: 5\nmax-retry-interval: 12\nproxy-url: socks5://127.0.0.1:1080\n';
    expect(readConfigForm(text)).toEqual({
      values: { port: 9000, lanAccess: true, routingStrategy: 'fill-first', requestRetry: 5, maxRetryInterval: 12, proxyUrl: 'socks5://127.0.0.1:1080' },
      hasApiKeys: true,
    });
  });

  it("shows the guide's max-retry-interval: 60s as 60 seconds and a weighted strategy as weighted", () => {
    const values = readConfigForm('routing:\n  strategy: wrr\nrequest-retry: 5\nmax-retry-interval: 60s\n')?.values;
    expect(values).toMatchObject({ routingStrategy: 'weighted-round-robin', requestRetry: 5, maxRetryInterval: 60 });
  });

  it('uses the defaults for keys left out', () => {
    expect(readConfigForm('# empty\n')).toEqual({ values: configFormDefaults, hasApiKeys: false });
  });

  it('gives no values for text that is not a YAML mapping', () => {
    expect(readConfigForm('port: [1,\n')).toBeNull();
    expect(readConfigForm('- a\n- b\n')).toBeNull();
  });
});

describe('configFormChanges', () => {
  const before = configFormDefaults;

  it('lists only the changed fields of the group being saved, as config keys', () => {
    const after = { ...before, requestRetry: 1, maxRetryInterval: 60, port: 9000 };
    expect(configFormChanges(before, after, ['routingStrategy', 'requestRetry', 'maxRetryInterval'])).toEqual([
      { path: ['request-retry'], value: 1 },
      { path: ['max-retry-interval'], value: 60 },
    ]);
  });

  it('writes the host for LAN access, the nested strategy, and removes an emptied proxy URL', () => {
    expect(configFormChanges(before, { ...before, lanAccess: true }, ['lanAccess'])).toEqual([{ path: ['host'], value: '0.0.0.0' }]);
    expect(configFormChanges({ ...before, lanAccess: true }, before, ['lanAccess'])).toEqual([{ path: ['host'], value: '127.0.0.1' }]);
    expect(configFormChanges(before, { ...before, routingStrategy: 'fill-first' }, ['routingStrategy'])).toEqual([{ path: ['routing', 'strategy'], value: 'fill-first' }]);
    expect(configFormChanges({ ...before, proxyUrl: 'http://p:1' }, { ...before, proxyUrl: ' ' }, ['proxyUrl'])).toEqual([{ path: ['proxy-url'], value: null }]);
  });
});

describe('configFormProblem', () => {
  it('refuses ports, retries and waits the engine would refuse', () => {
    const all = ['port', 'requestRetry', 'maxRetryInterval'] as const;
    expect(configFormProblem(configFormDefaults, all)).toBeNull();
    expect(configFormProblem({ ...configFormDefaults, port: 70000 }, all)).toMatch(/port/);
    expect(configFormProblem({ ...configFormDefaults, port: Number.NaN }, all)).toMatch(/port/);
    expect(configFormProblem({ ...configFormDefaults, requestRetry: -1 }, all)).toMatch(/retries/);
    expect(configFormProblem({ ...configFormDefaults, maxRetryInterval: 1.5 }, all)).toMatch(/retry wait/);
  });

  it('judges only the fields of the group being saved', () => {
    expect(configFormProblem({ ...configFormDefaults, requestRetry: -1 }, ['port', 'lanAccess'])).toBeNull();
  });
});
