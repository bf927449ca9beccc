import type { EngineStatus } from '../../../src-shared/engine-status';

export interface EngineStatusWords {
  /** One or two words: Running, Stopped, Starting…, Stopping…, Error. */
  headline: string;
  /** The rest of the sentence: where it listens, or what went wrong. */
  detail: string | null;
  tone: 'ok' | 'neutral' | 'busy' | 'error';
}

/** Status in words, as the tray's first line says it (UI.md). Pure, so it is tested without a DOM. */
export function describeEngineStatus(status: EngineStatus): EngineStatusWords {
  switch (status.state) {
    case 'running':
      return { headline: 'Running', detail: `on ${status.host}:${status.port}`, tone: 'ok' };
    case 'starting':
      return { headline: 'Starting…', detail: null, tone: 'busy' };
    case 'stopping':
      return { headline: 'Stopping…', detail: null, tone: 'busy' };
    case 'stopped':
      return { headline: 'Stopped', detail: 'Tools cannot reach the proxy until you start it.', tone: 'neutral' };
    case 'error':
      return { headline: 'Error', detail: status.error ?? 'The proxy stopped for an unknown reason.', tone: 'error' };
    default: {
      const unreachable: never = status.state;
      return { headline: String(unreachable), detail: null, tone: 'neutral' };
    }
  }
}
