import type { ParsedConfig } from './config-schema';
import type { PayloadConfig, PayloadFilterRule, PayloadModelMatch, PayloadRule } from './config-entry-types';
import { uniqueTrimmed } from './normalize-credential-fields';

type ParsedPayload = ParsedConfig['payload'];
type ParsedRule = NonNullable<NonNullable<ParsedPayload>['default']>[number];
type ParsedFilterRule = NonNullable<NonNullable<ParsedPayload>['filter']>[number];
type ParsedModelMatch = NonNullable<ParsedRule['models']>[number];

/** docs/config.md#payload-rules: keeps the rule lists in order; raw rules with a param that is not valid JSON are dropped whole. */
export function normalizePayload(payload: ParsedPayload, warn: (message: string) => void): PayloadConfig {
  return {
    default: (payload?.default ?? []).map(normalizeRule),
    defaultRaw: normalizeRawRules(payload?.['default-raw'] ?? [], 'payload.default-raw', warn),
    override: (payload?.override ?? []).map(normalizeRule),
    overrideRaw: normalizeRawRules(payload?.['override-raw'] ?? [], 'payload.override-raw', warn),
    filter: (payload?.filter ?? []).map(normalizeFilterRule),
  };
}

function normalizeModelMatch(match: ParsedModelMatch): PayloadModelMatch {
  const result: PayloadModelMatch = { name: match.name.trim() };
  const protocol = match.protocol?.trim().toLowerCase() ?? '';
  const fromProtocol = match['from-protocol']?.trim().toLowerCase() ?? '';
  if (protocol !== '') result.protocol = protocol;
  if (fromProtocol !== '') result.fromProtocol = fromProtocol;
  return result;
}

function normalizeRule(rule: ParsedRule): PayloadRule {
  return { models: (rule.models ?? []).map(normalizeModelMatch), params: { ...(rule.params ?? {}) } };
}

function normalizeFilterRule(rule: ParsedFilterRule): PayloadFilterRule {
  return { models: (rule.models ?? []).map(normalizeModelMatch), params: uniqueTrimmed(rule.params ?? []) };
}

/**
 * Raw params hold JSON text to insert as-is. A string must parse as JSON; any other YAML value is
 * serialized, so consumers can rely on every raw param being valid JSON text.
 */
function normalizeRawRules(
  rules: readonly ParsedRule[],
  where: string,
  warn: (message: string) => void,
): PayloadRule[] {
  const result: PayloadRule[] = [];
  rules.forEach((rule, index) => {
    const params: Record<string, unknown> = {};
    for (const [path, value] of Object.entries(rule.params ?? {})) {
      if (typeof value === 'string' && !isJsonText(value)) {
        // The value itself is not echoed: it may be long or hold a token.
        warn(`${where}[${index}] is ignored: params "${path}" is not valid JSON`);
        return;
      }
      params[path] = typeof value === 'string' ? value : JSON.stringify(value ?? null);
    }
    result.push({ models: (rule.models ?? []).map(normalizeModelMatch), params });
  });
  return result;
}

function isJsonText(value: string): boolean {
  try {
    JSON.parse(value);
    return true;
  } catch {
    return false;
  }
}
