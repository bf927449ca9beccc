import { dirname } from 'node:path';
import type { ConfigFile } from '../../config/config-file';
import { buildPublicServer } from '../../server/build-public-server';
import type { ServerDeps } from '../../server/server-deps';
import { TunnelService, type TunnelServiceOptions } from '../../tunnel/tunnel-service';
import type { LiveRuntime } from './live-runtime';

/** The public URL (Cursor): its own listener, key and cloudflared; data beside config.yaml. */
export function openTunnel(deps: ServerDeps, runtime: LiveRuntime, configFile: ConfigFile, options: TunnelServiceOptions | undefined): TunnelService {
  return new TunnelService({
    buildServer: (hooks) => buildPublicServer({ deps, ...hooks }),
    dispatcherFor: (proxyUrl) => deps.dispatchers.get('', proxyUrl),
    config: () => runtime.config,
    dataDir: dirname(configFile.path),
    logger: deps.logger,
    now: Date.now,
    options,
  });
}
