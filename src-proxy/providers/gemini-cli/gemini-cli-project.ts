import type { GeminiCliOAuthEndpoints } from './gemini-cli-oauth-endpoints';

/** docs/providers.md#gemini-cli-project-setup: the metadata every Code Assist setup call carries. */
const metadata = { ideType: 'IDE_UNSPECIFIED', platform: 'PLATFORM_UNSPECIFIED', pluginType: 'GEMINI' };

export interface ProjectSetupOptions {
  endpoints: GeminiCliOAuthEndpoints;
  accessToken: string;
  /**
   * Requested project; empty = whatever loadCodeAssist names, else auto-onboarding (a personal account,
   * also `GOOGLE_ONE`); `ALL` = every project of the account.
   */
  projectId: string;
  /** docs/providers.md#gemini-cli-project-setup: 2 s while auto-discovering, 5 s while onboarding a named project; tests pass small values. */
  autoPollMs?: number;
  onboardPollMs?: number;
  /** Auto-discovery gives up after this long (CPA: 30 s, docs/providers.md#gemini-cli-project-setup). */
  autoTimeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface ProjectSetup {
  projectId: string;
  /** True when the project was discovered rather than requested. */
  auto: boolean;
}

/**
 * Project discovery and onboarding (docs/providers.md#gemini-cli-project-setup): loadCodeAssist picks the default tier (else
 * legacy-tier); without a project, onboardUser {tierId} is polled until done and names one; a requested
 * project is onboarded with onboardUser {tierId, cloudaicompanionProject} and the answer's id wins.
 * `ALL` onboards every project of the account (step 4's list) and answers them comma-joined.
 */
export async function setupGeminiCliProject(options: ProjectSetupOptions): Promise<ProjectSetup> {
  if (options.projectId.trim().toUpperCase() !== 'ALL') return setupOneProject(options);
  const listed = await listGoogleProjects(options);
  if (listed.length === 0) throw new Error('This Google account has no Cloud projects to onboard');
  const onboarded: string[] = [];
  for (const projectId of listed) onboarded.push((await setupOneProject({ ...options, projectId })).projectId);
  return { projectId: [...new Set(onboarded)].join(','), auto: false };
}

/** `GET projects` of Cloud Resource Manager v1, every page: the `projectId`s the account can use. */
async function listGoogleProjects(options: ProjectSetupOptions): Promise<string[]> {
  const ids: string[] = [];
  let pageToken = '';
  do {
    const url = new URL(options.endpoints.projectsUrl);
    if (pageToken) url.searchParams.set('pageToken', pageToken);
    const response = await fetch(url, { headers: { authorization: `Bearer ${options.accessToken}` }, signal: AbortSignal.timeout(30_000) });
    if (!response.ok) throw new Error(`Listing Google Cloud projects failed: HTTP ${response.status}`);
    const page = objectOf(await response.json());
    for (const project of Array.isArray(page.projects) ? page.projects : []) {
      const id = objectOf(project).projectId;
      if (typeof id === 'string' && id !== '') ids.push(id);
    }
    pageToken = typeof page.nextPageToken === 'string' ? page.nextPageToken : '';
  } while (pageToken);
  return ids;
}

async function setupOneProject(options: ProjectSetupOptions): Promise<ProjectSetup> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  // GOOGLE_ONE (management): a personal account, loadCodeAssist without a project then auto-onboarding.
  const requested = options.projectId.trim().toUpperCase() === 'GOOGLE_ONE' ? '' : options.projectId.trim();
  const loaded = await callCodeAssist(options, 'loadCodeAssist', { metadata, ...(requested ? { cloudaicompanionProject: requested } : {}) });
  const tierId = defaultTier(loaded.allowedTiers);
  if (!requested) {
    const existing = projectIdOf(loaded.cloudaicompanionProject);
    if (existing) return { projectId: existing, auto: true };
    const deadline = Date.now() + (options.autoTimeoutMs ?? 30_000);
    for (;;) {
      const operation = await callCodeAssist(options, 'onboardUser', { tierId, metadata });
      const found = operation.done === true ? projectIdOf(objectOf(operation.response).cloudaicompanionProject) : '';
      if (found) return { projectId: found, auto: true };
      if (operation.done === true) throw new Error('Onboarding finished without a project id; pass a project id');
      if (Date.now() >= deadline) throw new Error('Timed out discovering a Gemini project; pass a project id');
      await sleep(options.autoPollMs ?? 2000);
    }
  }
  for (;;) {
    const operation = await callCodeAssist(options, 'onboardUser', { tierId, metadata, cloudaicompanionProject: requested });
    if (operation.done === true) return { projectId: projectIdOf(objectOf(operation.response).cloudaicompanionProject) || requested, auto: false };
    await sleep(options.onboardPollMs ?? 5000);
  }
}

async function callCodeAssist(options: ProjectSetupOptions, method: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${options.endpoints.codeAssistBase}/v1internal:${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${options.accessToken}`, 'content-type': 'application/json', 'user-agent': 'google-api-nodejs-client/9.15.1', 'x-goog-api-client': 'gl-node/22.17.0', 'client-metadata': 'ideType=IDE_UNSPECIFIED,platform=PLATFORM_UNSPECIFIED,pluginType=GEMINI' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  if (!response.ok) throw new Error(`Code Assist ${method} failed: HTTP ${response.status}`);
  return objectOf(await response.json());
}

function defaultTier(tiers: unknown): string {
  if (Array.isArray(tiers)) for (const tier of tiers) if (objectOf(tier).isDefault === true && typeof objectOf(tier).id === 'string') return objectOf(tier).id as string;
  return 'legacy-tier';
}

/** `cloudaicompanionProject` is a string or `{id}`. */
function projectIdOf(value: unknown): string {
  if (typeof value === 'string') return value;
  const id = objectOf(value).id;
  return typeof id === 'string' ? id : '';
}

function objectOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
