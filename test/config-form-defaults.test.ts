import { describe, expect, it } from 'vitest';
import { CONFIG_DEFAULTS } from '../src-proxy/config/config-defaults';
import { parseRoutingStrategy } from '../src-proxy/config/config-schema';
import { isLoopbackHost } from '../src-proxy/engine/bind-safety';
import { configFormDefaults, readConfigForm, toRoutingStrategy } from '../src-renderer/features/config/config-form-values';

/** The renderer may not import the engine, so the Config forms keep their own copy of a few engine rules: kept equal here. */
describe("the Config page's forms read config.yaml as the engine does", () => {
  it('has the engine defaults for keys left out', () => {
    expect(configFormDefaults).toEqual({
      port: CONFIG_DEFAULTS.port,
      lanAccess: !isLoopbackHost(CONFIG_DEFAULTS.host),
      routingStrategy: CONFIG_DEFAULTS.routingStrategy,
      requestRetry: CONFIG_DEFAULTS.requestRetry,
      maxRetryInterval: CONFIG_DEFAULTS.maxRetryInterval,
      proxyUrl: CONFIG_DEFAULTS.proxyUrl,
    });
  });

  it('treats loopback hosts as local and an empty host (all interfaces) as LAN access, like the engine', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]', '0.0.0.0', '', '192.168.1.5', '::']) {
      expect(readConfigForm(`host: "${host}"\n`)?.values.lanAccess).toBe(!isLoopbackHost(host));
    }
  });

  it('reads every routing.strategy spelling as the engine does', () => {
    for (const spelling of ['round-robin', 'roundrobin', 'rr', 'fill-first', 'fillfirst', 'FF', 'weighted-round-robin', 'weightedroundrobin', ' wrr ']) {
      expect(toRoutingStrategy(spelling)).toBe(parseRoutingStrategy(spelling));
    }
  });
});
