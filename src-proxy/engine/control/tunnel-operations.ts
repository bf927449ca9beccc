import type { TunnelMode, TunnelStatus } from '../../../src-shared/control/tunnel-types';
import type { ConfigFile } from '../../config/config-file';
import type { TunnelService } from '../../tunnel/tunnel-service';
import { setConfigValues } from './config-operations';

/**
 * tunnel.start: settings given with the click (a named tunnel's token and hostname, "my own URL") are
 * saved to the `tunnel:` block first, so the tray's Start and the next app start use them too.
 */
export async function startTunnel(tunnel: TunnelService, configFile: ConfigFile, input: { mode?: TunnelMode | undefined; token?: string | undefined; publicUrl?: string | undefined }): Promise<TunnelStatus> {
  const values: Array<{ path: string[]; value: string }> = [];
  if (input.mode !== undefined) values.push({ path: ['tunnel', 'mode'], value: input.mode });
  if (input.token !== undefined) values.push({ path: ['tunnel', 'token'], value: input.token });
  if (input.publicUrl !== undefined) values.push({ path: ['tunnel', 'public-url'], value: input.publicUrl });
  if (values.length > 0) {
    const saved = await setConfigValues(configFile, values);
    if (!saved.saved) throw new Error(`The tunnel settings could not be saved: ${saved.problems.map((problem) => problem.message).join('; ')}`);
  }
  return tunnel.start(input);
}
