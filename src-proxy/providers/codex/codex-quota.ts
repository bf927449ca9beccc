import type { ProviderQuota } from '../provider-quota';
import { codexOriginator, codexUserAgent } from './codex-executor';
import { decodeCodexUsage } from './decode-codex-usage';
import { readCodexQuotaHeaders } from './read-codex-quota-headers';

/**
 * ChatGPT (Codex) quota: the `x-codex-*` rate-limit headers on every answer (logins and `codex-api-key`
 * relays alike), and for logins the `wham/usage` endpoint with the account header and the CLI's identity,
 * as the executor sends them (src-proxy/quota/README.md, "Usage endpoints").
 */
export const codexQuota: ProviderQuota = {
  readHeaders: readCodexQuotaHeaders,
  usageEndpoint: {
    url: 'https://chatgpt.com/backend-api/wham/usage',
    environmentKey: 'CLIPROXY_CODEX_USAGE_URL',
    method: 'GET',
    headers: (credential) => {
      const accountId = credential.oauth?.accountId;
      return { 'user-agent': codexUserAgent, originator: codexOriginator, ...(accountId ? { 'chatgpt-account-id': accountId } : {}) };
    },
    decode: (body, now) => decodeCodexUsage(body, now),
  },
};
