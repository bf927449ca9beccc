import { describe, expect, it } from 'vitest';
import { parseRoutingStrategy } from '../src-proxy/config/config-schema';
import { isLoopbackHost } from '../src-proxy/engine/bind-safety';
import { readConfigForm, toRoutingStrategy } from '../src-renderer/features/config/config-form-values';

/**
 * The renderer may not import the engine, so the Config forms keep their own copy of two engine rules (which
 * hosts are loopback, the routing.strategy spellings): kept equal here. The defaults themselves are one value,
 * src-shared/config-defaults.ts, imported by both.
 */
describe("the Config page's forms read config.yaml as the engine does", () => {
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
