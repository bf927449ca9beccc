import type { TranslationContext } from '../../canonical/index';

/** Deterministic translation context for this folder's tests: ids `<prefix>_1`, `<prefix>_2`...; fixed clock. */
export function createTestContext(nowMs = 1_750_000_000_000): TranslationContext {
  let counter = 0;
  return {
    generateId: (prefix) => `${prefix}_${(counter += 1)}`,
    now: () => nowMs,
  };
}
