import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMMENTED_CONFIG, replaceLine, startConfigRoutes, type ConfigRoutesFixture } from './config-routes.fixture';

let fixture: ConfigRoutesFixture;
beforeEach(async () => {
  fixture = await startConfigRoutes();
});
afterEach(() => fixture.close());

/** Each setting of docs/management-api.md#scalar-settings: a value to write, the file expected after it, and GET's answer after it. */
const cases: Array<{ route: string; value: unknown; file: (text: string) => string; get: Record<string, unknown> }> = [
  { route: '/debug', value: true, file: (text) => replaceLine(text, 'debug: false', 'debug: true'), get: { debug: true } },
  { route: '/request-retry', value: 5, file: (text) => replaceLine(text, 'request-retry: 3 # rounds', 'request-retry: 5 # rounds'), get: { 'request-retry': 5 } },
  { route: '/logging-to-file', value: true, file: (text) => `${text}logging-to-file: true\n`, get: { 'logging-to-file': true } },
  { route: '/logs-max-total-size-mb', value: -4, file: (text) => `${text}logs-max-total-size-mb: 0\n`, get: { 'logs-max-total-size-mb': 0 } },
  { route: '/error-logs-max-files', value: -1, file: (text) => `${text}error-logs-max-files: 10\n`, get: { 'error-logs-max-files': 10 } },
  { route: '/usage-statistics-enabled', value: true, file: (text) => `${text}usage-statistics-enabled: true\n`, get: { 'usage-statistics-enabled': true } },
  { route: '/proxy-url', value: 'socks5://127.0.0.1:1080', file: (text) => `${text}proxy-url: socks5://127.0.0.1:1080\n`, get: { 'proxy-url': 'socks5://127.0.0.1:1080' } },
  { route: '/quota-exceeded/switch-project', value: true, file: (text) => `${text}quota-exceeded:\n  switch-project: true\n`, get: { 'switch-project': true } },
  { route: '/quota-exceeded/switch-preview-model', value: true, file: (text) => `${text}quota-exceeded:\n  switch-preview-model: true\n`, get: { 'switch-preview-model': true } },
  { route: '/request-log', value: true, file: (text) => `${text}request-log: true\n`, get: { 'request-log': true } },
  { route: '/ws-auth', value: false, file: (text) => `${text}ws-auth: false\n`, get: { 'ws-auth': false } },
  { route: '/max-retry-credentials', value: -2, file: (text) => `${text}max-retry-credentials: 0\n`, get: { 'max-retry-credentials': 0 } },
  { route: '/max-retry-interval', value: 12, file: (text) => `${text}max-retry-interval: 12\n`, get: { 'max-retry-interval': 12 } },
  { route: '/force-model-prefix', value: true, file: (text) => `${text}force-model-prefix: true\n`, get: { 'force-model-prefix': true } },
  { route: '/routing/strategy', value: 'FF', file: (text) => replaceLine(text, 'strategy: round-robin # how to spread', 'strategy: fill-first # how to spread'), get: { strategy: 'fill-first' } },
];

describe('scalar setting routes (docs/management-api.md#scalar-settings)', () => {
  for (const { route, value, file, get } of cases) {
    for (const method of ['PUT', 'PATCH'] as const) {
      it(`${method} ${route} writes only that value (comments, order, unknown keys kept) and GET shows it`, async () => {
        const response = await fixture.call(method, route, { value });
        expect(response.statusCode).toBe(200);
        expect(response.json()).toEqual({ status: 'ok' });
        expect(await fixture.text()).toBe(file(COMMENTED_CONFIG));
        expect((await fixture.call('GET', route)).json()).toEqual(get);
      });
    }
  }

  it('GET answers with the live values and CPA defaults for keys the file does not have', async () => {
    expect((await fixture.call('GET', '/debug')).json()).toEqual({ debug: false });
    expect((await fixture.call('GET', '/request-retry')).json()).toEqual({ 'request-retry': 3 });
    expect((await fixture.call('GET', '/error-logs-max-files')).json()).toEqual({ 'error-logs-max-files': 10 });
    expect((await fixture.call('GET', '/quota-exceeded/switch-project')).json()).toEqual({ 'switch-project': false });
    expect((await fixture.call('GET', '/routing/strategy')).json()).toEqual({ strategy: 'round-robin' });
  });

  it('applies the change live', async () => {
    await fixture.call('PUT', '/debug', { value: true });
    expect(fixture.configFile.config().debug).toBe(true);
    expect(fixture.applied.at(-1)?.debug).toBe(true);
  });

  it('answers 400 invalid body for a missing or mistyped value and malformed JSON, writing nothing', async () => {
    const bodies: unknown[] = [{}, { value: 'yes' }, { valeu: true }, 'not json', [true]];
    for (const body of bodies) {
      const response = await fixture.call('PUT', '/debug', body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json()).toEqual({ error: 'invalid body' });
    }
    expect((await fixture.call('PATCH', '/request-retry', { value: 1.5 })).json()).toEqual({ error: 'invalid body' });
    expect((await fixture.call('PUT', '/proxy-url', { value: 3 })).statusCode).toBe(400);
    expect(await fixture.text()).toBe(COMMENTED_CONFIG);
  });

  it('refuses a value the config does not accept with 422 and the line, leaving the file byte-identical', async () => {
    const response = await fixture.call('PUT', '/request-retry', { value: -1 });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toEqual({ error: 'invalid_config', message: expect.stringMatching(/^config\.yaml:12:\d+: request-retry: must be >= 0/) });
    const proxy = await fixture.call('PUT', '/proxy-url', { value: 'ftp://user:hunter2@example.test' });
    expect(proxy.statusCode).toBe(422);
    expect(proxy.body).not.toContain('hunter2');
    expect(await fixture.text()).toBe(COMMENTED_CONFIG);
    expect(fixture.applied).toEqual([]);
  });

  it('routing/strategy: normalizes the aliases, 400 invalid strategy for others', async () => {
    for (const [spelling, strategy] of [['rr', 'round-robin'], ['fillfirst', 'fill-first'], [' Round-Robin ', 'round-robin']] as const) {
      expect((await fixture.call('PATCH', '/routing/strategy', { value: spelling })).statusCode).toBe(200);
      expect((await fixture.call('GET', '/routing/strategy')).json()).toEqual({ strategy });
    }
    const invalid = await fixture.call('PUT', '/routing/strategy', { value: 'random' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toEqual({ error: 'invalid strategy' });
    expect((await fixture.call('PUT', '/routing/strategy', { value: 7 })).json()).toEqual({ error: 'invalid body' });
  });

  it('routing/strategy: wrr is saved as weighted-round-robin and served', async () => {
    const response = await fixture.call('PUT', '/routing/strategy', { value: 'wrr' });
    expect(response.statusCode).toBe(200);
    expect((await fixture.call('GET', '/routing/strategy')).json()).toEqual({ strategy: 'weighted-round-robin' });
  });

  it('DELETE /proxy-url clears it', async () => {
    await fixture.call('PUT', '/proxy-url', { value: 'http://127.0.0.1:3128' });
    const response = await fixture.call('DELETE', '/proxy-url');
    expect(response.json()).toEqual({ status: 'ok' });
    expect(await fixture.text()).toBe(`${COMMENTED_CONFIG}proxy-url: ""\n`);
    expect((await fixture.call('GET', '/proxy-url')).json()).toEqual({ 'proxy-url': '' });
  });

  it('answers 500 failed to save config when the file cannot be read, writing nothing', async () => {
    const { rm } = await import('node:fs/promises');
    await rm(fixture.path);
    const response = await fixture.call('PUT', '/debug', { value: true });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ error: 'failed to save config: config.yaml: cannot read the config file (ENOENT)' });
  });
});
