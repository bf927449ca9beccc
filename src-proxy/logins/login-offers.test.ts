import { describe, expect, it } from 'vitest';
import { isOfferedLogin, loginOffers } from './login-offers';

describe('loginOffers (logins.list)', () => {
  it("lists every login provider's contract name, label and flow, in registry order: what the UI buttons, tray menu and notifications show", () => {
    expect(loginOffers()).toEqual([
      { provider: 'claude', label: 'Claude', flow: 'browser' },
      { provider: 'codex', label: 'Codex', flow: 'browser' },
      { provider: 'gemini', label: 'Gemini', flow: 'browser' },
      { provider: 'qwen', label: 'Qwen', flow: 'device-code' },
      { provider: 'iflow', label: 'iFlow', flow: 'browser' },
      { provider: 'kimi', label: 'Kimi', flow: 'device-code' },
      { provider: 'xai', label: 'xAI', flow: 'device-code' },
      { provider: 'antigravity', label: 'Antigravity', flow: 'browser' },
    ]);
  });

  it("login.start takes only an offered name, not CPA's management aliases", () => {
    expect(isOfferedLogin('gemini')).toBe(true);
    expect(isOfferedLogin('gemini-cli')).toBe(false);
    expect(isOfferedLogin('anthropic')).toBe(false);
  });
});
