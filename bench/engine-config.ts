/** The engine's bench configuration and the keys/model both sides of the benchmark agree on. */

export const BENCH_CLIENT_KEY = 'bench-key';
export const BENCH_UPSTREAM_KEY = 'up-key';
export const BENCH_MODEL = 'bench-model';

/** config.yaml for the engine, in CLIProxyAPI's keys. JSON strings are valid YAML scalars. */
export function buildBenchConfig(port: number, upstreamBaseUrl: string): string {
  const quote = (value: string): string => JSON.stringify(value);
  return [
    'host: 127.0.0.1',
    `port: ${port}`,
    `api-keys: [${quote(BENCH_CLIENT_KEY)}]`,
    'openai-compatibility:',
    '  - name: bench',
    `    base-url: ${quote(upstreamBaseUrl)}`,
    '    api-key-entries:',
    `      - api-key: ${quote(BENCH_UPSTREAM_KEY)}`,
    '    models:',
    `      - name: ${quote(BENCH_MODEL)}`,
    `        alias: ${quote(BENCH_MODEL)}`,
    '',
  ].join('\n');
}
