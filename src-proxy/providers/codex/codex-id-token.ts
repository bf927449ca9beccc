/** What the `id_token` JWT payload says about a ChatGPT account (docs/providers.md#codex-login); the signature is not verified. */
export interface CodexIdTokenClaims {
  email: string;
  /** `https://api.openai.com/auth`.chatgpt_account_id: the account id of the auth file and the `Chatgpt-Account-Id` header. */
  accountId: string;
  /** `chatgpt_plan_type`, lower-cased (free, plus, pro, team, ...); '' when absent. */
  planType: string;
  userId: string;
}

const authClaim = 'https://api.openai.com/auth';

export function readCodexIdToken(idToken: unknown): CodexIdTokenClaims {
  const empty: CodexIdTokenClaims = { email: '', accountId: '', planType: '', userId: '' };
  if (typeof idToken !== 'string') return empty;
  const payload = idToken.split('.')[1];
  if (!payload) return empty;
  let claims: Record<string, unknown>;
  try {
    claims = record(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
  } catch {
    return empty;
  }
  const auth = record(claims[authClaim]);
  return {
    email: text(claims.email),
    accountId: text(auth.chatgpt_account_id),
    planType: text(auth.chatgpt_plan_type).toLowerCase(),
    userId: text(auth.chatgpt_user_id) || text(auth.user_id),
  };
}

/** CPA's auth-file list shows the ID token's account id and plan (`auth.authFileIdToken`), never the token itself. */
export function codexIdTokenEntry(idToken: unknown): Record<string, string> | null {
  const claims = readCodexIdToken(idToken);
  const result: Record<string, string> = {};
  if (claims.accountId) result.chatgpt_account_id = claims.accountId;
  if (claims.planType) result.plan_type = claims.planType;
  return Object.keys(result).length > 0 ? result : null;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
