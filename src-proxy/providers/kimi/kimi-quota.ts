import type { ProviderQuota } from '../provider-quota';
import { decodeKimiUsage } from './decode-kimi-usage';
import { kimiApiHeaders } from './kimi-identity';

/**
 * Kimi quota (docs/providers.md#kimi-errors-and-quota): no rate-limit headers on answers; logins ask Kimi
 * Code's usage endpoint on the account's own API base (so `CLIPROXY_KIMI_BASE_URL` moves it too), with the
 * identity the executor sends.
 */
export const kimiQuota: ProviderQuota = {
  usageEndpoint: {
    url: '{base}/v1/usages',
    method: 'GET',
    headers: (credential) => kimiApiHeaders(credential.oauth?.deviceId ?? ''),
    decode: (body, now) => decodeKimiUsage(body, now),
  },
};
