import type { TranslationContext } from '../../canonical/index';

/**
 * Anthropic accepts tool_use ids matching `^[a-zA-Z0-9_-]+$` only. Ids from other wires (e.g.
 * `call.with space:1`, Gemini `name-1`, empty) are rewritten: every other character becomes '_' and an
 * empty id gets a fresh `toolu_` id (docs/protocols.md#to-anthropic-messages). One mapper is used per request so a tool_use and
 * its tool_result always get the same id, and two different ids never collide after sanitising.
 */
export type ToolIdMapper = (id: string) => string;

export function createToolIdMapper(context: TranslationContext): ToolIdMapper {
  const byOriginal = new Map<string, string>();
  const taken = new Set<string>();
  return (id) => {
    const known = byOriginal.get(id);
    if (known !== undefined) return known;
    const base = (id === '' ? context.generateId('toolu') : id).replace(/[^A-Za-z0-9_-]/g, '_');
    let candidate = base;
    for (let suffix = 2; taken.has(candidate); suffix += 1) candidate = `${base}_${suffix}`;
    byOriginal.set(id, candidate);
    taken.add(candidate);
    return candidate;
  };
}
