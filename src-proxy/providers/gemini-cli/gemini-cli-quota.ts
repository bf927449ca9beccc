import type { ProviderQuota } from '../provider-quota';
import { decodeGeminiCliQuota } from './decode-gemini-cli-quota';
import { geminiCliApiClient, geminiCliUserAgent } from './gemini-cli-executor';

/**
 * Gemini CLI quota: Code Assist's `v1internal:retrieveUserQuota {project}` on the account's own Code Assist
 * origin (so `CLIPROXY_GEMINI_CODE_ASSIST_URL` moves it too), per-model remaining fractions with their reset.
 * Answers carry no quota headers; a 429's RetryInfo is read by the quota service for every provider.
 */
export const geminiCliQuota: ProviderQuota = {
  usageEndpoint: {
    url: '{base}/v1internal:retrieveUserQuota',
    method: 'POST',
    headers: () => ({ 'content-type': 'application/json', 'user-agent': geminiCliUserAgent(''), 'x-goog-api-client': geminiCliApiClient }),
    body: (credential) => JSON.stringify({ project: credential.oauth?.projectId ?? '' }),
    decode: (body) => decodeGeminiCliQuota(body),
  },
};
