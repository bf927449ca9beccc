/**
 * Every account type the engine serves, each behind its own fake upstream and model alias, so each agent
 * runs against each of them: the four API-key kinds (the SDK matrix's fakes) and the five logins, whose
 * auth files point at local fakes through the engine's endpoint overrides. Logins get tokens valid for a
 * month, so no refresh happens during a run.
 */
import { formatAuthTime } from '../../src-proxy/auth-store/parse-auth-time';
import type { EngineOptions } from '../../src-proxy/engine-types';
import { codexIdToken } from '../../test/fakes/codex-id-token';
import { startFakeAnthropicUpstream } from '../../test/fakes/fake-anthropic-upstream';
import { startFakeGeminiUpstream } from '../../test/fakes/fake-gemini-upstream';
import { startFakeOpenAIUpstream } from '../../test/fakes/fake-openai-upstream';
import { startFakeResponsesUpstream } from '../../test/fakes/fake-responses-upstream';
import type { RecordedRequest } from '../../test/fakes/fake-upstream-types';
import { startMatrixUpstreams, type MatrixUpstream } from '../../test/integration/sdk-matrix/matrix-upstreams';

export const accountTypeNames = ['openai-compatible', 'claude-api-key', 'gemini-api-key', 'codex-api-key', 'claude', 'codex', 'gemini-cli', 'qwen', 'iflow'] as const;
export type AccountTypeName = (typeof accountTypeNames)[number];

/** The wire a fake upstream speaks, as the upstream checks read it (a Gemini CLI request is unwrapped first). */
export type UpstreamWire = 'openai' | 'anthropic' | 'gemini' | 'responses';

export interface MatrixAccount {
  name: AccountTypeName;
  wire: UpstreamWire;
  /** The model name clients ask for to reach this account. */
  model: string;
  /** What the fake answers by default. */
  greeting: string;
  requests: RecordedRequest[];
  /** The request as the wire's own API would take it (Code Assist's `{model, project, request}` envelope removed). */
  unwrap(request: RecordedRequest): RecordedRequest;
}

export interface AccountSetup {
  accounts: MatrixAccount[];
  config: Record<string, unknown>;
  authFiles: Record<string, Record<string, unknown>>;
  oauthEndpoints: NonNullable<EngineOptions['oauthEndpoints']>;
  close(): Promise<void>;
}

const keyTypeOf: Record<MatrixUpstream['kind'], AccountTypeName> = { 'openai-chat': 'openai-compatible', anthropic: 'claude-api-key', gemini: 'gemini-api-key', responses: 'codex-api-key' };
const wireOf: Record<MatrixUpstream['kind'], UpstreamWire> = { 'openai-chat': 'openai', anthropic: 'anthropic', gemini: 'gemini', responses: 'responses' };
const same = (request: RecordedRequest): RecordedRequest => request;
const month = 30 * 24 * 3_600_000;

export async function startAccountTypes(): Promise<AccountSetup> {
  const keys = await startMatrixUpstreams();
  const claude = await startFakeAnthropicUpstream({ name: 'claude-login-up' });
  const codex = await startFakeResponsesUpstream({ name: 'codex-login-up', strictCodex: true });
  const gemini = await startFakeGeminiUpstream({ name: 'gemini-cli-login-up', textSignature: true });
  const qwen = await startFakeOpenAIUpstream({ name: 'qwen-login-up' });
  const iflow = await startFakeOpenAIUpstream({ name: 'iflow-login-up' });
  const login = (name: AccountTypeName, wire: UpstreamWire, requests: RecordedRequest[], greeting: string, unwrap = same): MatrixAccount => ({ name, wire, model: `via-${name}`, greeting, requests, unwrap });
  const accounts: MatrixAccount[] = [
    ...keys.map((key): MatrixAccount => ({ name: keyTypeOf[key.kind], wire: wireOf[key.kind], model: key.model, greeting: key.greeting, requests: key.requests, unwrap: same })),
    login('claude', 'anthropic', claude.requests, 'Hello from claude-login-up'),
    login('codex', 'responses', codex.requests, 'Hello from codex-login-up'),
    login('gemini-cli', 'gemini', gemini.requests, 'Hello from gemini-cli-login-up', unwrapCodeAssist),
    login('qwen', 'openai', qwen.requests, 'Hello from qwen-login-up'),
    login('iflow', 'openai', iflow.requests, 'Hello from iflow-login-up'),
  ];
  const expired = formatAuthTime(Date.now() + month);
  const lastRefresh = formatAuthTime(Date.now());
  const alias = (name: string, model: AccountTypeName) => [{ name, alias: `via-${model}` }];
  return {
    accounts,
    config: Object.assign(
      {
        'oauth-model-alias': {
          claude: alias('claude-sonnet-4-6', 'claude'),
          codex: alias('gpt-5.5', 'codex'),
          'gemini-cli': alias('gemini-2.5-pro', 'gemini-cli'),
          qwen: alias('coder-model', 'qwen'),
          iflow: alias('glm-4.6', 'iflow'),
        },
      },
      ...keys.map((key) => key.config),
    ) as Record<string, unknown>,
    authFiles: {
      'claude-login@example.com.json': { type: 'claude', email: 'login@example.com', access_token: 'sk-ant-oat01-matrix', refresh_token: 'claude-refresh-matrix', expired, last_refresh: lastRefresh },
      'codex-login@example.com-plus.json': {
        type: 'codex', email: 'login@example.com', account_id: 'acct-matrix', id_token: codexIdToken('login@example.com', 'acct-matrix'),
        access_token: 'codex-access-matrix', refresh_token: 'codex-refresh-matrix', expired, last_refresh: lastRefresh,
      },
      'login@example.com-project-matrix.json': {
        type: 'gemini', email: 'login@example.com', project_id: 'project-matrix', auto: false, checked: true,
        token: { access_token: 'ya29.matrix', refresh_token: 'gemini-refresh-matrix', token_type: 'Bearer', expiry: expired },
      },
      'qwen-matrix.json': { type: 'qwen', email: 'login@example.com', access_token: 'qwen-access-matrix', refresh_token: 'qwen-refresh-matrix', resource_url: qwen.baseUrl.replace(/\/v1$/, ''), expired, last_refresh: lastRefresh },
      'iflow-login@example.com.json': { type: 'iflow', email: 'login@example.com', access_token: 'iflow-access-matrix', refresh_token: 'iflow-refresh-matrix', api_key: 'iflow-key-matrix', expired, last_refresh: lastRefresh },
    },
    oauthEndpoints: { claude: { apiBase: claude.baseUrl }, codex: { apiBase: codex.codexBaseUrl }, gemini: { codeAssistBase: gemini.codeAssistBase }, iflow: { apiBase: iflow.baseUrl } },
    close: async () => {
      await Promise.all([...keys.map((key) => key.close()), claude.close(), codex.close(), gemini.close(), qwen.close(), iflow.close()]);
    },
  };
}

function unwrapCodeAssist(request: RecordedRequest): RecordedRequest {
  const body = request.body;
  const inner = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>).request : undefined;
  return inner === undefined ? request : { ...request, body: inner };
}
