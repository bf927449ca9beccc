import { claudeCodeUserAgent } from '../claude-api/claude-code-profile';
import { readClaudeQuotaHeaders } from '../claude-api/read-claude-quota-headers';
import type { ProviderQuota } from '../provider-quota';
import { decodeClaudeUsage } from './decode-claude-usage';

/**
 * Claude subscription quota: the unified rate-limit headers on every answer, and the OAuth usage endpoint
 * (`GET /api/oauth/usage`, which needs the OAuth beta header; src-proxy/quota/README.md, "Usage endpoints").
 */
export const claudeQuota: ProviderQuota = {
  readHeaders: readClaudeQuotaHeaders,
  usageEndpoint: {
    url: 'https://api.anthropic.com/api/oauth/usage',
    environmentKey: 'CLIPROXY_CLAUDE_USAGE_URL',
    method: 'GET',
    headers: () => ({ 'anthropic-beta': 'oauth-2025-04-20', 'user-agent': claudeCodeUserAgent }),
    decode: (body) => decodeClaudeUsage(body),
  },
};
