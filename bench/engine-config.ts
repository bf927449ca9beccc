/** The engine's bench configuration and the keys both sides of the benchmark agree on. */
import { benchWires, type BenchWireId } from './bench-wires';

export const BENCH_CLIENT_KEY = 'bench-key';
export const BENCH_UPSTREAM_KEY = 'up-key';

/** API base (ending in /v1, as the fake children report it) of each wire's fake the engine may use. */
export type BenchUpstreamUrls = Partial<Record<BenchWireId, string>>;

/**
 * config.yaml for the engine, in CLIProxyAPI's keys: one provider entry per fake upstream, each with
 * its own model alias (see bench-wires.ts), so the model in a client request picks the upstream wire.
 * JSON strings are valid YAML scalars.
 */
export function buildBenchConfig(port: number, upstreams: BenchUpstreamUrls, options: { usageStatistics?: boolean } = {}): string {
  const quote = (value: string): string => JSON.stringify(value);
  const lines = ['host: 127.0.0.1', `port: ${port}`, `api-keys: [${quote(BENCH_CLIENT_KEY)}]`];
  // The engine's default (true) records every request in usage.sqlite; usage-cost.ts compares both.
  if (options.usageStatistics !== undefined) lines.push(`usage-statistics-enabled: ${options.usageStatistics}`);
  const models = (wire: BenchWireId, indent: string): string[] => [
    `${indent}models:`,
    `${indent}  - name: ${quote(benchWires[wire].upstreamModel)}`,
    `${indent}    alias: ${quote(benchWires[wire].model)}`,
  ];
  const openai = upstreams['openai-chat'];
  if (openai !== undefined) {
    lines.push(
      'openai-compatibility:',
      '  - name: bench',
      `    base-url: ${quote(openai)}`,
      '    api-key-entries:',
      `      - api-key: ${quote(BENCH_UPSTREAM_KEY)}`,
      ...models('openai-chat', '    '),
    );
  }
  const anthropic = upstreams['anthropic-messages'];
  if (anthropic !== undefined) {
    // The engine appends /v1/messages to a claude-api-key base-url.
    lines.push(
      'claude-api-key:',
      `  - api-key: ${quote(BENCH_UPSTREAM_KEY)}`,
      `    base-url: ${quote(anthropic.replace(/\/v1\/?$/, ''))}`,
      ...models('anthropic-messages', '    '),
    );
  }
  return `${lines.join('\n')}\n`;
}
