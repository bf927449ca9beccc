import type { Logger } from 'pino';
import type { ClaudeCloakMode } from '../config/config-schema';
import { AccountRefresher, type RefreshFunction } from '../auth-store/account-refresher';
import { readTokenField, type AuthRecord } from '../auth-store/auth-record';
import { AuthStore } from '../auth-store/auth-store';
import { claudeApiModels } from '../providers/claude-api/claude-api-models';
import { createClaudeRefresh } from '../providers/claude/claude-auth-file';
import { resolveClaudeOAuthEndpoints, type ClaudeOAuthEndpoints } from '../providers/claude/claude-oauth-endpoints';
import { createCodexRefresh } from '../providers/codex/codex-auth-file';
import { readCodexIdToken } from '../providers/codex/codex-id-token';
import { codexModelsForPlan } from '../providers/codex/codex-models';
import { resolveCodexOAuthEndpoints, type CodexOAuthEndpoints } from '../providers/codex/codex-oauth-endpoints';
import { createGeminiCliRefresh } from '../providers/gemini-cli/gemini-cli-auth-file';
import { resolveGeminiCliOAuthEndpoints, type GeminiCliOAuthEndpoints } from '../providers/gemini-cli/gemini-cli-oauth-endpoints';
import { geminiCliModels } from '../providers/gemini-cli/index';
import { createIFlowRefresh } from '../providers/iflow/iflow-auth-file';
import { iflowModels } from '../providers/iflow/index';
import { resolveIFlowOAuthEndpoints, type IFlowOAuthEndpoints } from '../providers/iflow/iflow-oauth-endpoints';
import { createQwenRefresh } from '../providers/qwen/qwen-auth-file';
import { qwenModels } from '../providers/qwen/index';
import { qwenBaseUrl, resolveQwenOAuthEndpoints, type QwenOAuthEndpoints } from '../providers/qwen/qwen-oauth-endpoints';
import type { Credential, CredentialOAuth } from '../routing/credential';
import { oauthModelList, type OAuthModelConfig } from '../routing/oauth-model-list';

export interface OAuthEndpointOverrides {
  claude?: Partial<ClaudeOAuthEndpoints>;
  codex?: Partial<CodexOAuthEndpoints>;
  qwen?: Partial<QwenOAuthEndpoints>;
  iflow?: Partial<IFlowOAuthEndpoints>;
  gemini?: Partial<GeminiCliOAuthEndpoints>;
}

/** What the engine config gives OAuth credentials (EngineConfig fits). */
export type OAuthAccountsConfig = OAuthModelConfig & { claudeHeaderDefaults?: Record<string, string>; codexHeaderDefaults?: Record<string, string> };

/** Refresh on demand this long before expiry, so a token never expires in flight. */
const expirySkewMs = 60_000;

/**
 * The engine's OAuth accounts: the auth-dir store, its single-flight refresher with the providers'
 * refresh functions, and the routing credentials built from the files. Files of providers without an
 * executor, disabled ones and ones marked `needs_relogin` are loaded and kept but not routed.
 */
export class OAuthAccounts {
  readonly store: AuthStore;
  readonly refresher: AccountRefresher;
  readonly claudeEndpoints: ClaudeOAuthEndpoints;
  readonly qwenEndpoints: QwenOAuthEndpoints;
  readonly iflowEndpoints: IFlowOAuthEndpoints;
  readonly codexEndpoints: CodexOAuthEndpoints;
  readonly geminiEndpoints: GeminiCliOAuthEndpoints;

  constructor(authDir: string, logger: Logger, overrides: OAuthEndpointOverrides = {}) {
    this.store = new AuthStore(authDir, { logger });
    this.claudeEndpoints = resolveClaudeOAuthEndpoints(overrides.claude);
    this.codexEndpoints = resolveCodexOAuthEndpoints(overrides.codex);
    const refreshers: Record<string, RefreshFunction> = { claude: createClaudeRefresh({ endpoints: this.claudeEndpoints }), codex: createCodexRefresh({ endpoints: this.codexEndpoints }) };
    this.qwenEndpoints = resolveQwenOAuthEndpoints(overrides.qwen);
    refreshers.qwen = createQwenRefresh(this.qwenEndpoints);
    this.iflowEndpoints = resolveIFlowOAuthEndpoints(overrides.iflow);
    refreshers.iflow = createIFlowRefresh(this.iflowEndpoints);
    this.geminiEndpoints = resolveGeminiCliOAuthEndpoints(overrides.gemini);
    refreshers['gemini-cli'] = createGeminiCliRefresh(this.geminiEndpoints);
    this.refresher = new AccountRefresher({ store: this.store, refreshers, logger });
  }

  /** Watches the folder and runs the refresh scheduler (spec 0.3) until `pause`. */
  async resume(): Promise<void> {
    await this.store.watch();
    // Files changed while the engine was stopped (nothing watched then) apply now.
    await this.store.rescanAndNotify();
    this.refresher.start();
  }

  pause(): void {
    this.store.close();
    this.refresher.stop();
  }

  /** `config` supplies `oauth-model-alias` / `oauth-excluded-models` (spec 1.4) and the header defaults; none when omitted. */
  credentials(config: OAuthAccountsConfig = { oauthModelAlias: {}, oauthExcludedModels: {} }): Credential[] {
    // An account whose refresh token died serves nothing until a new login rewrites its file.
    return this.store
      .list()
      .filter((record) => !record.disabled && this.refresher.state(record) !== 'needs-relogin')
      .flatMap((record) => this.credentialsOf(record, config));
  }

  /**
   * The credentials the enabled accounts marked `needs_relogin` would have: never routed, only consulted
   * when a model has no routable account, so the client is told an account needs a new login.
   */
  needsLoginCredentials(config: OAuthAccountsConfig = { oauthModelAlias: {}, oauthExcludedModels: {} }): Credential[] {
    return this.store
      .list()
      .filter((record) => !record.disabled && this.refresher.state(record) === 'needs-relogin')
      .flatMap((record) => this.credentialsOf(record, config));
  }

  /** The file's `weight` is the same for every provider (and every project of a Gemini CLI file). */
  private credentialsOf(record: AuthRecord, config: OAuthAccountsConfig): Credential[] {
    return this.credentialsByProvider(record, config).map((credential) => ({ ...credential, weight: record.weight }));
  }

  private credentialsByProvider(record: AuthRecord, config: OAuthAccountsConfig): Credential[] {
    if (record.provider === 'claude') return [this.claudeCredential(record, config)];
    if (record.provider === 'codex') return [this.codexCredential(record, config)];
    if (record.provider === 'qwen') return [this.qwenCredential(record, config)];
    if (record.provider === 'iflow') return [this.iflowCredential(record, config)];
    if (record.provider === 'gemini-cli') return this.geminiCliCredentials(record, config);
    return [];
  }

  private claudeCredential(record: AuthRecord, config: OAuthAccountsConfig): Credential {
    const deviceIds = record.data.claude_device_ids;
    return {
      id: `auth:${record.id}`,
      provider: 'claude',
      providerKey: 'claude',
      label: `claude ${record.email || record.id}`,
      order: 0,
      prefix: record.prefix,
      priority: record.priority,
      baseUrl: this.claudeEndpoints.apiBase,
      apiKey: '',
      proxyUrl: record.proxyUrl,
      headers: record.headers,
      models: oauthModelList('claude', claudeApiModels, config, { excludedModels: record.excludedModels, modelAliases: record.data.model_aliases }),
      // Exclusions already removed catalog names (before aliasing, spec 1.4), so an alias is never refused by them.
      excludedModels: [],
      // Spec 1.4: the default mode is auto, which cloaks a real OAuth token.
      cloak: { mode: cloakMode(record.cloak.mode), strictMode: record.cloak.strictMode, sensitiveWords: record.cloak.sensitiveWords, cacheUserId: record.cloak.cacheUserId },
      oauth: this.tokenSource(record.id, Array.isArray(deviceIds) && typeof deviceIds[0] === 'string' ? deviceIds[0] : '', stringField(record.data.account_uuid)),
      headerDefaults: config.claudeHeaderDefaults ?? {},
    };
  }

  /** ChatGPT accounts (spec 2.3, 2.4): models by the id_token's plan (spec 8), `Chatgpt-Account-Id` from `account_id` or the id_token. */
  private codexCredential(record: AuthRecord, config: OAuthAccountsConfig): Credential {
    const claims = readCodexIdToken(record.data.id_token);
    const baseUrl = stringField(record.data.base_url).replace(/\/+$/, '') || this.codexEndpoints.apiBase;
    return {
      id: `auth:${record.id}`,
      provider: 'codex',
      providerKey: 'codex',
      label: `codex ${record.email || claims.email || record.id}`,
      order: 0,
      prefix: record.prefix,
      priority: record.priority,
      baseUrl,
      apiKey: '',
      proxyUrl: record.proxyUrl,
      headers: record.headers,
      models: oauthModelList('codex', codexModelsForPlan(claims.planType), config, { excludedModels: record.excludedModels, modelAliases: record.data.model_aliases }),
      excludedModels: [],
      oauth: { ...this.tokenSource(record.id, '', ''), accountId: stringField(record.data.account_id) || claims.accountId },
      headerDefaults: config.codexHeaderDefaults ?? {},
    };
  }

  /** Spec 4.4: OpenAI Chat upstream at the file's `resource_url` (read per build; a refresh that moves it rebuilds). */
  private qwenCredential(record: AuthRecord, config: OAuthModelConfig): Credential {
    return {
      id: `auth:${record.id}`,
      provider: 'qwen',
      providerKey: 'qwen',
      label: `qwen ${record.email || record.id}`,
      order: 0,
      prefix: record.prefix,
      priority: record.priority,
      baseUrl: qwenBaseUrl(stringField(record.data.resource_url), this.qwenEndpoints.apiBase),
      apiKey: '',
      proxyUrl: record.proxyUrl,
      headers: record.headers,
      models: oauthModelList('qwen', qwenModels, config, { excludedModels: record.excludedModels, modelAliases: record.data.model_aliases }),
      excludedModels: [],
      oauth: this.tokenSource(record.id, '', ''),
    };
  }

  /** Spec 5.5: OpenAI Chat upstream at `base_url` or apis.iflow.cn/v1; the Bearer is the file's `api_key`, not the access token. */
  private iflowCredential(record: AuthRecord, config: OAuthModelConfig): Credential {
    return {
      id: `auth:${record.id}`,
      provider: 'iflow',
      providerKey: 'iflow',
      label: `iflow ${record.email || record.id}`,
      order: 0,
      prefix: record.prefix,
      priority: record.priority,
      baseUrl: stringField(record.data.base_url).replace(/\/+$/, '') || this.iflowEndpoints.apiBase,
      apiKey: '',
      proxyUrl: record.proxyUrl,
      headers: record.headers,
      models: oauthModelList('iflow', iflowModels, config, { excludedModels: record.excludedModels, modelAliases: record.data.model_aliases }),
      excludedModels: [],
      oauth: this.tokenSource(record.id, '', '', 'api_key'),
    };
  }

  /**
   * Spec 3.3, 3.4: Cloud Code Assist with the file's `project_id` in the envelope. A comma list becomes one
   * virtual credential per project (`auth:<file>::<project>`, label `<email> [<project>]`) sharing the token.
   */
  private geminiCliCredentials(record: AuthRecord, config: OAuthModelConfig): Credential[] {
    const projects = stringField(record.data.project_id).split(',').map((project) => project.trim()).filter(Boolean);
    const models = oauthModelList('gemini-cli', geminiCliModels, config, { excludedModels: record.excludedModels, modelAliases: record.data.model_aliases });
    const one = (projectId: string, virtual: boolean): Credential => ({
      id: virtual ? `auth:${record.id}::${projectId}` : `auth:${record.id}`,
      provider: 'gemini-cli',
      providerKey: 'gemini-cli',
      label: virtual ? `gemini-cli ${record.email || record.id} [${projectId}]` : `gemini-cli ${record.email || record.id}`,
      order: 0,
      prefix: record.prefix,
      priority: record.priority,
      baseUrl: this.geminiEndpoints.codeAssistBase,
      apiKey: '',
      proxyUrl: record.proxyUrl,
      headers: record.headers,
      models,
      excludedModels: [],
      oauth: { ...this.tokenSource(record.id, '', ''), projectId },
    });
    return projects.length > 1 ? projects.map((project) => one(project, true)) : [one(projects[0] ?? '', false)];
  }

  /**
   * Reads the store at call time, so a refresh by another request or a file edit is seen at once. The token
   * may sit only in the nested `token` object (a CPA login's Gemini file) until a refresh writes the top level.
   */
  private tokenSource(id: string, deviceId: string, accountUuid: string, field = 'access_token'): CredentialOAuth {
    const current = (): AuthRecord => {
      const record = this.store.get(id);
      if (!record) throw new Error(`Account ${id} was removed`);
      return record;
    };
    const refreshed = async () => readTokenField((await this.refresher.refresh(id)).data, field);
    return {
      deviceId,
      accountUuid,
      accessToken: async () => {
        const record = current();
        if (this.refresher.state(record) === 'needs-relogin') return refreshed();
        const due = record.expiresAt !== null && record.expiresAt - Date.now() <= expirySkewMs;
        return due && this.refresher.canRefresh(record) ? refreshed() : readTokenField(record.data, field);
      },
      refreshAfterUnauthorized: async (rejected) => {
        const token = readTokenField(current().data, field);
        return token !== rejected ? token : refreshed();
      },
    };
  }
}

function cloakMode(mode: string | null): ClaudeCloakMode {
  return mode === 'always' || mode === 'never' ? mode : 'auto';
}

function stringField(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
