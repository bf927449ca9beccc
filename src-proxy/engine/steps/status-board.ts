import { EventEmitter } from 'node:events';
import type { EngineStatus } from '../../../src-shared/engine-status';
import type { LiveRuntime } from './live-runtime';

/** The engine's status as last set, the requests served so far, and who listens for changes. */
export class StatusBoard {
  private readonly events = new EventEmitter();
  private status: EngineStatus;
  private requestsServed = 0;

  /** `teamStore`: the engine runs on the team store (fixed for the engine's life). */
  constructor(
    private readonly runtime: LiveRuntime,
    private readonly teamStore: boolean,
  ) {
    this.status = this.make('stopped', null);
  }

  get state(): EngineStatus['state'] {
    return this.status.state;
  }

  /** The status with the live counts (requests and accounts change between status events). */
  current(): EngineStatus {
    return { ...this.status, requestsServed: this.requestsServed, accounts: this.runtime.current().credentials.length };
  }

  set(state: EngineStatus['state'], error: string | null = null): EngineStatus {
    this.status = this.make(state, error);
    this.events.emit('status', this.status);
    return this.status;
  }

  /** While running, a new runtime (accounts, host shown) is announced as a fresh 'running' status. */
  refreshIfRunning(): void {
    if (this.status.state === 'running') this.set('running');
  }

  countRequest(): void {
    this.requestsServed += 1;
  }

  onChange(listener: (status: EngineStatus) => void): () => void {
    this.events.on('status', listener);
    return () => this.events.off('status', listener);
  }

  private make(state: EngineStatus['state'], error: string | null): EngineStatus {
    const { host, port, tls } = this.runtime.config;
    const shownHost = host === '' || host === '0.0.0.0' ? '127.0.0.1' : host;
    return {
      state,
      host,
      port,
      baseUrl: state === 'running' ? `${tls.enable ? 'https' : 'http'}://${formatHost(shownHost)}:${port}/v1` : null,
      error,
      accounts: this.runtime.current().credentials.length,
      requestsServed: this.requestsServed,
      teamStore: this.teamStore,
    };
  }
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
