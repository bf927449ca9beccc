import type { Credential } from '../../routing/credential';
import { applyCredentialHeaders } from '../apply-credential-headers';
import type { ClientHeaders, UpstreamCall, UpstreamRequest } from '../provider-definition';

/** docs/providers.md#gemini-cli-executor: the Gemini CLI's identity. */
export const geminiCliVersion = '0.34.0';
export const geminiCliApiClient = 'google-genai-sdk/1.41.0 gl-node/v22.19.0';

function platformName(): string {
  return process.platform === 'win32' ? 'win32' : process.platform === 'darwin' ? 'darwin' : 'linux';
}

function archName(): string {
  return process.arch === 'arm64' ? 'arm64' : process.arch === 'ia32' ? 'x86' : 'x64';
}

export function geminiCliUserAgent(model: string): string {
  return `GeminiCLI/${geminiCliVersion}/${model || 'unknown'} (${platformName()}; ${archName()}; terminal)`;
}

/**
 * Cloud Code Assist for Gemini CLI accounts (docs/providers.md#gemini-cli-executor): `POST {base}/v1internal:generateContent`,
 * `:streamGenerateContent?alt=sse` or `:countTokens`, Bearer access token, the CLI's User-Agent and
 * X-Goog-Api-Client. The Gemini body goes into the `{model, project, request}` envelope here (the model is
 * only known per call); countTokens sends `{request}` without safetySettings.
 */
export function buildGeminiCliRequest(credential: Credential, call: UpstreamCall, body: string, clientHeaders: ClientHeaders): UpstreamRequest {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: call.stream ? 'text/event-stream' : 'application/json',
    'user-agent': geminiCliUserAgent(call.model),
    'x-goog-api-client': geminiCliApiClient,
  };
  headers.authorization = `Bearer ${credential.apiKey}`;
  applyCredentialHeaders(headers, credential.headers, clientHeaders);
  const counting = call.operation === 'count-tokens';
  const action = counting ? 'countTokens' : call.stream ? 'streamGenerateContent?alt=sse' : 'generateContent';
  return { method: 'POST', url: `${credential.baseUrl}/v1internal:${action}`, headers, body: wrapEnvelope(body, call.model, credential.oauth?.projectId ?? '', counting) };
}

/**
 * The Gemini body as the `request` of a v1internal envelope (docs/providers.md#gemini-cli-executor): a fresh
 * top-level object, `system_instruction` spelled `systemInstruction`, no `model` (the envelope names it).
 */
export function envelopeRequestOf(body: string): Record<string, unknown> {
  let request: Record<string, unknown>;
  try {
    const parsed = JSON.parse(body) as unknown;
    request = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? { ...(parsed as Record<string, unknown>) } : {};
  } catch {
    request = {};
  }
  if ('system_instruction' in request && !('systemInstruction' in request)) request.systemInstruction = request.system_instruction;
  delete request.system_instruction;
  delete request.model;
  return request;
}

/** The v1internal request envelope (docs/providers.md#gemini-cli-executor). */
export function wrapEnvelope(body: string, model: string, project: string, counting: boolean): string {
  const request = envelopeRequestOf(body);
  if (counting) {
    // A Gemini countTokens body may carry the full request as generateContentRequest.
    const inner = request.generateContentRequest;
    const counted = typeof inner === 'object' && inner !== null ? { ...(inner as Record<string, unknown>) } : request;
    delete counted.safetySettings;
    delete counted.model;
    return JSON.stringify({ request: counted });
  }
  return JSON.stringify({ model, project, request });
}
