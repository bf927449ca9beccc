import { BoundedMemo } from '../../../src-shared/bounded-memo';
import type { RetryPolicy } from '../../routing/execute-with-retry';
import { parseModelName, type ModelName } from '../../routing/parse-model-name';
import { resolveCandidates, type RouteCandidate } from '../../routing/resolve-candidates';
import type { Runtime } from '../server-deps';

/**
 * What routing derives from a runtime alone, worked out once per runtime (a runtime is replaced as a whole
 * when config or accounts change) instead of on every request: the retry policy, and the candidates of
 * each requested model name. Candidate lists are shared between requests and never modified.
 */
interface RuntimeRouting {
  policy: RetryPolicy;
  /** By requested model name as written (the client's to choose, so bounded). */
  candidates: BoundedMemo<string, readonly RouteCandidate[]>;
}

const routingByRuntime = new WeakMap<Runtime, RuntimeRouting>();

function routingOf(runtime: Runtime): RuntimeRouting {
  let routing = routingByRuntime.get(runtime);
  if (!routing) {
    routing = {
      policy: retryPolicy(runtime),
      candidates: new BoundedMemo(256, (requested: string) => resolveCandidates(parseModelName(requested), runtime.credentials, runtime.config.forceModelPrefix)),
    };
    routingByRuntime.set(runtime, routing);
  }
  return routing;
}

/** resolveCandidates for this runtime's credentials, remembered per requested model name. */
export function candidatesFor(runtime: Runtime, requested: ModelName): readonly RouteCandidate[] {
  return routingOf(runtime).candidates.get(requested.text);
}

export function retryPolicyFor(runtime: Runtime): RetryPolicy {
  return routingOf(runtime).policy;
}

function retryPolicy(runtime: Runtime): RetryPolicy {
  const { config } = runtime;
  return {
    strategy: config.routing.strategy,
    requestRetry: config.requestRetry,
    maxRetryIntervalSeconds: config.maxRetryInterval,
    maxCredentialsPerRound: config.maxRetryCredentials,
    disableCooling: config.disableCooling,
    transientCooldownSeconds: config.transientErrorCooldownSeconds,
    sessionAffinity: config.routing.sessionAffinity,
    sessionAffinityTtlSeconds: config.routing.sessionAffinityTtlSeconds,
  };
}
