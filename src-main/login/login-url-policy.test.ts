import { describe, expect, it } from 'vitest';
import { isAllowedLoginUrl } from './login-url-policy';

describe('isAllowedLoginUrl', () => {
  it("opens the providers' own https login pages", () => {
    expect(isAllowedLoginUrl('https://claude.ai/oauth/authorize?code=true&state=x')).toBe(true);
    expect(isAllowedLoginUrl('https://auth.openai.com/oauth/authorize?x=1')).toBe(true);
    expect(isAllowedLoginUrl('https://accounts.google.com/o/oauth2/v2/auth?x=1')).toBe(true);
    expect(isAllowedLoginUrl('https://chat.qwen.ai/authorize?user_code=AB')).toBe(true);
    expect(isAllowedLoginUrl('https://iflow.cn/oauth?x=1')).toBe(true);
  });

  it('refuses anything else: http, other hosts, look-alikes, credentials, ports, garbage', () => {
    for (const url of ['http://claude.ai/oauth', 'https://claude.ai.evil.com/x', 'https://evil.com/?claude.ai', 'https://user@claude.ai/', 'https://claude.ai:8443/', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url', 'http://127.0.0.1:5000/authorize']) {
      expect(isAllowedLoginUrl(url), url).toBe(false);
    }
  });
});
