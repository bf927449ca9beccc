/** The two account usage endpoints the peer apps read (src-proxy/quota/README.md, "Usage endpoints"). */
export interface QuotaEndpoints {
  /** Claude OAuth accounts: 5h / weekly / per-model windows and extra usage. */
  claudeUsageUrl: string;
  /** Codex (ChatGPT) OAuth accounts: primary / secondary windows, plan and credits. */
  codexUsageUrl: string;
}

export const defaultQuotaEndpoints: QuotaEndpoints = {
  claudeUsageUrl: 'https://api.anthropic.com/api/oauth/usage',
  codexUsageUrl: 'https://chatgpt.com/backend-api/wham/usage',
};

const environmentKeys: Readonly<Record<keyof QuotaEndpoints, string>> = {
  claudeUsageUrl: 'CLIPROXY_CLAUDE_USAGE_URL',
  codexUsageUrl: 'CLIPROXY_CODEX_USAGE_URL',
};

/** Defaults, then the environment, then explicit options (a test's fake server) win. */
export function resolveQuotaEndpoints(overrides: Partial<QuotaEndpoints> = {}, environment: NodeJS.ProcessEnv = process.env): QuotaEndpoints {
  const result = { ...defaultQuotaEndpoints };
  for (const key of Object.keys(environmentKeys) as Array<keyof QuotaEndpoints>) {
    const chosen = overrides[key] || environment[environmentKeys[key]];
    if (chosen) result[key] = chosen;
  }
  return result;
}

/** The usage endpoints as account URLs by provider id: POST /api-call may send that provider's token there. */
export function quotaAccountUrls(endpoints: QuotaEndpoints): Record<string, string[]> {
  return { claude: [endpoints.claudeUsageUrl], codex: [endpoints.codexUsageUrl] };
}
