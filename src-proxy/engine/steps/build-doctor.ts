import type { ConfigFile } from '../../config/config-file';
import type { DoctorHellos } from '../../doctor/doctor-hellos';
import { providerOrigins } from '../../doctor/provider-origins';
import { runDoctor } from '../../doctor/run-doctor';
import type { DoctorService } from '../../management/management-context';
import type { OAuthEndpointOverrides } from '../../providers/provider-auth';
import type { OAuthAccounts } from '../oauth-accounts';
import type { StatusBoard } from './status-board';

export interface DoctorParts {
  configFile: ConfigFile;
  accounts: OAuthAccounts;
  status: StatusBoard;
  usagePath: string;
  oauthEndpoints: OAuthEndpointOverrides | undefined;
  sqliteNativeBinding: string | undefined;
  hellos: DoctorHellos;
}

/**
 * The running engine's doctor (docs/doctor.md): the live config, auth store and listener, the engine's endpoint
 * overrides; the hello goes through the engine's own credentials.
 */
export function buildDoctor(parts: DoctorParts): DoctorService {
  const run = async () => {
    const config = parts.configFile.config();
    const status = parts.status.current();
    return runDoctor({
      config,
      authStore: parts.accounts.store,
      usagePath: parts.usagePath,
      origins: providerOrigins(config, parts.oauthEndpoints),
      listener: { running: status.state === 'running', host: status.host, port: status.port, tls: config.tls.enable },
      ...(parts.sqliteNativeBinding ? { sqliteNativeBinding: parts.sqliteNativeBinding } : {}),
    });
  };
  return { run, hello: (account) => parts.hellos.hello(account) };
}
