import type { ConnectionInfo } from '../../../src-shared/control/config-types';
import type { EngineStatus } from '../../../src-shared/engine-status';
import { maskKey } from '../../../src-shared/mask-key';
import { isLoopbackHost } from '../bind-safety';

/** Base URLs per client protocol and the masked first client key (the full key only through reveal). */
export function connectionInfo(status: EngineStatus, apiKeys: readonly string[], tls: boolean): ConnectionInfo {
  const shownHost = status.host === '' || status.host === '0.0.0.0' || status.host === '::' ? '127.0.0.1' : status.host;
  const origin = `${tls ? 'https' : 'http'}://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${status.port}`;
  const first = apiKeys[0];
  return {
    running: status.state === 'running',
    openaiBaseUrl: `${origin}/v1`,
    anthropicBaseUrl: origin,
    geminiBaseUrl: origin,
    apiKeyMasked: first === undefined ? null : maskKey(first),
    lanAccess: !isLoopbackHost(status.host),
  };
}

