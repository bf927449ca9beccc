import type { EngineConfig } from '../../config/engine-config';
import type { Runtime } from '../../runtime/runtime';
import { CredentialCounters } from '../../routing/credential-counters';
import { CredentialHealth } from '../../routing/credential-health';
import { createRuntime } from '../create-runtime';
import type { OAuthAccounts } from '../oauth-accounts';

/**
 * What the engine serves now (config, credentials, client keys), rebuilt whole on every config or
 * auth-dir change, with the per-credential state (cooldowns, counters) that must follow it.
 */
export class LiveRuntime {
  readonly health = new CredentialHealth();
  readonly counters = new CredentialCounters();
  private runtime: Runtime;

  constructor(config: EngineConfig, private readonly accounts: OAuthAccounts) {
    this.runtime = this.build(config);
  }

  current(): Runtime {
    return this.runtime;
  }

  get config(): EngineConfig {
    return this.runtime.config;
  }

  /** Config's credentials and auth-dir's accounts again; cooldowns and counters of removed credentials go with them. */
  rebuild(config: EngineConfig): void {
    this.runtime = this.build(config);
    const ids = new Set(this.runtime.credentials.map((credential) => credential.id));
    this.health.retain(ids);
    this.counters.retain(ids);
  }

  /** The port the listener actually got (config port 0 = any). */
  setPort(port: number): void {
    this.runtime = { ...this.runtime, config: { ...this.runtime.config, port } };
  }

  private build(config: EngineConfig): Runtime {
    return createRuntime(config, this.accounts.credentials(config), this.accounts.needsLoginCredentials(config));
  }
}
