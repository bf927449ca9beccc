/**
 * Login pages main may open in the system browser: the providers' own https hosts only. Anything else
 * (a tampered URL, an endpoint overridden to a local fake) is shown in the dashboard to copy instead.
 */
export const LOGIN_HOST_ALLOWLIST: readonly string[] = ['claude.ai', 'auth.openai.com', 'accounts.google.com', 'chat.qwen.ai', 'iflow.cn'];

export function isAllowedLoginUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '' && parsed.port === '' && LOGIN_HOST_ALLOWLIST.includes(parsed.hostname);
  } catch {
    return false;
  }
}
