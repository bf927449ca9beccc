import { antigravityGoogApiClient, antigravityOnboardUserAgent, antigravityUserAgent, antigravityVersion } from './antigravity-identity';
import type { AntigravityEndpoints } from './antigravity-oauth-endpoints';

export interface AntigravityProjectOptions {
  endpoints: Pick<AntigravityEndpoints, 'apiBase' | 'loadCodeAssistBase'>;
  accessToken: string;
  /** docs/providers.md#antigravity-project: onboardUser is asked 5 times, 2 s apart; tests pass a short wait. */
  onboardPollMs?: number;
}

const onboardAttempts = 5;

/**
 * The account's Cloud Code project (docs/providers.md#antigravity-project): `loadCodeAssist` on the
 * production origin names it, else `onboardUser` on the daily origin (the default tier, else the current
 * one, else `free-tier`) is asked until it reports done with a project. Throws when none comes.
 */
export async function discoverAntigravityProject(options: AntigravityProjectOptions): Promise<string> {
  const loaded = await callCloudCode(options, `${options.endpoints.loadCodeAssistBase}/v1internal:loadCodeAssist`, { metadata: { ideType: 'ANTIGRAVITY' } }, { 'user-agent': antigravityUserAgent });
  const existing = projectOf(loaded);
  if (existing) return existing;
  const body = { tier_id: tierOf(loaded), metadata: { ide_type: 'ANTIGRAVITY', ide_version: antigravityVersion, ide_name: 'antigravity' } };
  const headers = { 'user-agent': antigravityOnboardUserAgent, 'x-goog-api-client': antigravityGoogApiClient };
  for (let attempt = 1; attempt <= onboardAttempts; attempt += 1) {
    const operation = await callCloudCode(options, `${options.endpoints.apiBase}/v1internal:onboardUser`, body, headers);
    if (operation.done === true) {
      const project = projectOf(objectOf(operation.response));
      if (!project) throw new Error('Antigravity onboarding finished without a project id');
      return project;
    }
    if (attempt < onboardAttempts) await new Promise((resolve) => setTimeout(resolve, options.onboardPollMs ?? 2000));
  }
  throw new Error(`Antigravity onboarding did not finish after ${onboardAttempts} attempts`);
}

async function callCloudCode(options: AntigravityProjectOptions, url: string, body: unknown, headers: Record<string, string>): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${options.accessToken}`, accept: '*/*', 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const method = url.slice(url.lastIndexOf(':') + 1);
  // The status only: Google's error bodies may echo request values.
  if (!response.ok) throw new Error(`Antigravity ${method} failed: HTTP ${response.status}`);
  return objectOf(await response.json());
}

/** The project in `cloudaicompanionProject`, `projectId` or `project`, each a string or `{id}`. */
function projectOf(data: Record<string, unknown>): string {
  for (const key of ['cloudaicompanionProject', 'projectId', 'project']) {
    const value = data[key];
    const id = typeof value === 'string' ? value : objectOf(value).id;
    if (typeof id === 'string' && id.trim() !== '') return id.trim();
  }
  return '';
}

function tierOf(loaded: Record<string, unknown>): string {
  const tiers = Array.isArray(loaded.allowedTiers) ? loaded.allowedTiers.map(objectOf) : [];
  const fallback = objectOf(loaded.currentTier).id;
  const id = tiers.find((tier) => tier.isDefault === true && typeof tier.id === 'string' && tier.id.trim() !== '')?.id ?? fallback;
  return typeof id === 'string' && id.trim() !== '' ? id.trim() : 'free-tier';
}

function objectOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
