/** docs/config.md#credential-entries, docs/management-api.md#list-sections: the API-key credential lists the management API edits. */
export interface CredentialSection {
  name:
    | 'gemini-api-key'
    | 'interactions-api-key'
    | 'claude-api-key'
    | 'codex-api-key'
    | 'xai-api-key'
    | 'vertex-api-key'
    | 'openai-compatibility';
  /** What PATCH's `match` / DELETE's query compares: entries are found by key, openai-compatibility by name. */
  identity: 'api-key' | 'name';
  /** Fields PATCH merges (CPA HEAD); others in `value` are ignored. */
  patchFields: readonly string[];
  /** DELETE ?api-key= that matches nothing: 404 for gemini, 200 for the others (CPA). */
  missingDeleteIs404: boolean;
  /** An entry left like this by a PATCH is removed (CPA). */
  isEmpty?(entry: Record<string, unknown>): boolean;
  /** PUT silently drops such entries (CPA's load does). */
  dropOnPut?(entry: Record<string, unknown>): boolean;
  /** Problem with one entry (400 `<section>[i]...`), or null. */
  check?(entry: Record<string, unknown>): string | null;
}

/** Fields every key-based entry has (docs/config.md#credential-entries). */
const COMMON_FIELDS = [
  'api-key',
  'priority',
  'weight',
  'prefix',
  'base-url',
  'proxy-url',
  'models',
  'headers',
  'excluded-models',
  'disable-cooling',
  'request-retry',
  'request-scoped-errors',
] as const;

/** A null in PATCH's value removes these fields; for the others null means "leave as is" (CPA). */
export const NULL_CLEARS: ReadonlySet<string> = new Set(['weight', 'disable-cooling']);

const CLAUDE_FINGERPRINT_PROFILES: ReadonlySet<string> = new Set(['', 'claude-code-cli', 'oauth-cli']);

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

export const CREDENTIAL_SECTIONS: readonly CredentialSection[] = [
  {
    name: 'gemini-api-key',
    identity: 'api-key',
    patchFields: COMMON_FIELDS,
    missingDeleteIs404: true,
    isEmpty: (entry) => text(entry['api-key']) === '' && text(entry['base-url']) === '',
  },
  {
    // Gemini keys for Google's Interactions API (CPA HEAD): stored and edited; no provider serves them yet.
    name: 'interactions-api-key',
    identity: 'api-key',
    patchFields: COMMON_FIELDS.filter((field) => field !== 'priority' && field !== 'models'),
    missingDeleteIs404: true,
    isEmpty: (entry) => text(entry['api-key']) === '' && text(entry['base-url']) === '',
  },
  {
    name: 'claude-api-key',
    identity: 'api-key',
    patchFields: [...COMMON_FIELDS, 'cloak', 'fingerprint-profile', 'rebuild-mid-system-message'],
    missingDeleteIs404: false,
    check: (entry) => {
      const profile = entry['fingerprint-profile'];
      if (profile === undefined || profile === null) return null;
      return typeof profile === 'string' && CLAUDE_FINGERPRINT_PROFILES.has(profile.trim().toLowerCase())
        ? null
        : 'fingerprint-profile: expected "" or "claude-code-cli"';
    },
  },
  {
    name: 'codex-api-key',
    identity: 'api-key',
    patchFields: [...COMMON_FIELDS, 'websockets', 'alpha-search'],
    missingDeleteIs404: false,
  },
  {
    // xAI keys (CPA HEAD, Codex-shaped: base-url required), served by the xai-api provider.
    name: 'xai-api-key',
    identity: 'api-key',
    patchFields: [...COMMON_FIELDS, 'websockets'],
    missingDeleteIs404: false,
    isEmpty: (entry) => text(entry['base-url']) === '',
    dropOnPut: (entry) => text(entry['base-url']) === '',
  },
  {
    name: 'vertex-api-key',
    identity: 'api-key',
    patchFields: COMMON_FIELDS,
    missingDeleteIs404: false,
    check: (entry) => (text(entry['api-key']) === '' ? 'api-key is required' : null),
  },
  {
    name: 'openai-compatibility',
    identity: 'name',
    patchFields: [
      'name',
      'priority',
      'weight',
      'disabled',
      'prefix',
      'base-url',
      'api-key-entries',
      'models',
      'headers',
      'excluded-models',
      'support-prompt-cache-key',
      'disable-cooling',
      'request-retry',
      'request-scoped-errors',
    ],
    missingDeleteIs404: false,
    isEmpty: (entry) => text(entry['base-url']) === '',
    dropOnPut: (entry) => text(entry['base-url']) === '',
  },
];

/** docs/config.md#credential-entries: `weight` is an integer up to 1,000,000 (checked for every section). */
export function checkWeight(entry: Record<string, unknown>): string | null {
  const weight = entry.weight;
  if (weight === undefined || weight === null) return null;
  return typeof weight === 'number' && Number.isInteger(weight) && weight <= 1_000_000 ? null : 'weight: expected an integer up to 1000000';
}
