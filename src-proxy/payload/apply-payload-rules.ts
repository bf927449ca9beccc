import { matchModelPattern } from '../routing/match-model-pattern';
import { deleteJsonPath, hasJsonPath, setJsonPath, type JsonContainer } from './json-path';

/** Structural view of config `payload` (docs/config.md#payload-rules); EngineConfig's PayloadConfig satisfies it. */
export interface PayloadModelMatch {
  name: string;
  protocol?: string | undefined;
  fromProtocol?: string | undefined;
}
export interface PayloadRule {
  models: PayloadModelMatch[];
  params: Record<string, unknown>;
}
export interface PayloadFilterRule {
  models: PayloadModelMatch[];
  params: string[];
}
export interface PayloadRules {
  default: PayloadRule[];
  defaultRaw: PayloadRule[];
  override: PayloadRule[];
  overrideRaw: PayloadRule[];
  filter: PayloadFilterRule[];
}

export interface PayloadTarget {
  /** Model sent upstream (after alias resolution). */
  upstreamModel: string;
  /** Model the client asked for. */
  requestedModel: string;
  /** Upstream wire family: 'openai', 'claude', 'gemini', 'codex'. */
  protocol: string;
  /** Client wire family: 'openai', 'responses', 'claude', 'gemini'. */
  fromProtocol: string;
}

export function hasPayloadRules(rules: PayloadRules): boolean {
  return rules.default.length + rules.defaultRaw.length + rules.override.length + rules.overrideRaw.length + rules.filter.length > 0;
}

/**
 * Applies default -> default-raw -> override -> override-raw -> filter to the upstream body, in place.
 * `default` sets a path only when the client's original body lacks it and no earlier default set it
 * (first write wins); `override` always sets (last write wins).
 */
export function applyPayloadRules(body: JsonContainer, original: unknown, rules: PayloadRules, target: PayloadTarget): void {
  const defaulted = new Set<string>();
  const applyDefaults = (ruleList: PayloadRule[], raw: boolean) => {
    for (const rule of ruleList.filter((candidate) => ruleMatches(candidate.models, target))) {
      for (const [path, value] of Object.entries(rule.params)) {
        if (defaulted.has(path) || hasJsonPath(original, path)) continue;
        if (setJsonPath(body, path, raw ? parseRaw(value) : value)) defaulted.add(path);
      }
    }
  };
  const applyOverrides = (ruleList: PayloadRule[], raw: boolean) => {
    for (const rule of ruleList.filter((candidate) => ruleMatches(candidate.models, target))) {
      for (const [path, value] of Object.entries(rule.params)) setJsonPath(body, path, raw ? parseRaw(value) : value);
    }
  };
  applyDefaults(rules.default, false);
  applyDefaults(rules.defaultRaw, true);
  applyOverrides(rules.override, false);
  applyOverrides(rules.overrideRaw, true);
  for (const rule of rules.filter.filter((candidate) => ruleMatches(candidate.models, target))) {
    for (const path of rule.params) deleteJsonPath(body, path);
  }
}

function ruleMatches(models: readonly PayloadModelMatch[], target: PayloadTarget): boolean {
  return models.some(
    (model) =>
      (matchModelPattern(model.name, target.upstreamModel) || matchModelPattern(model.name, target.requestedModel)) &&
      (!model.protocol || model.protocol.toLowerCase() === target.protocol) &&
      (!model.fromProtocol || model.fromProtocol.toLowerCase() === target.fromProtocol),
  );
}

/** Raw values were checked to be JSON text when the config loaded. */
function parseRaw(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}
