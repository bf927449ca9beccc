import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from 'pino';
import { CredentialSelector } from '../../routing/credential-selector';
import type { RequestFinished, ServerDeps } from '../../server/server-deps';
import type { PostgresStore } from '../../store/postgres/postgres-store';
import type { UsageStore } from '../../usage/usage-store';
import { toRequestSummary, type RecentRequests } from '../control/recent-requests';
import type { EngineControl } from '../engine-control';
import type { UpstreamAccess } from './build-upstream-access';
import type { LateLink } from './late-link';
import type { LiveRuntime } from './live-runtime';
import type { StatusBoard } from './status-board';

export interface ServerDepsParts extends UpstreamAccess {
  runtime: LiveRuntime;
  status: StatusBoard;
  logger: Logger;
  usage: UsageStore | undefined;
  recentRequests: RecentRequests;
  control: LateLink<EngineControl>;
  /** The team server's database; undefined with the files store. */
  teamStore: PostgresStore | undefined;
}

/** What the proxy routes (and the public URL's listener) work with: the live runtime, routing state, outbound connections. */
export function buildServerDeps(parts: ServerDepsParts): ServerDeps {
  return {
    onUpstreamResponse: parts.quota.observeResponse,
    getRuntime: () => parts.runtime.current(),
    logger: parts.logger,
    health: parts.runtime.health,
    selector: new CredentialSelector(parts.quota.headroomOf),
    dispatchers: parts.dispatchers,
    onRequestFinished: (event) => recordFinishedRequest(parts, event),
    now: Date.now,
    sleep: (ms, signal) => delay(ms, undefined, { signal }).catch(() => undefined),
    startedAt: Math.floor(Date.now() / 1000),
    ...(parts.teamStore ? { storeHealth: parts.teamStore.health.bind(parts.teamStore) } : {}),
  };
}

/** Runs once per proxied request: counts, history, the recent list, then the event for the UI. */
function recordFinishedRequest(parts: ServerDepsParts, event: RequestFinished): void {
  parts.status.countRequest();
  parts.usage?.record(event);
  if (event.credential !== null) parts.runtime.counters.record(event.credential, event.status < 400, event.startedAt);
  const summary = toRequestSummary(event);
  parts.recentRequests.add(summary);
  parts.control.get().emit('request.finished', summary);
}
