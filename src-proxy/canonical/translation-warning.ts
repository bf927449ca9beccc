/** A field the target wire cannot express: dropped, logged at debug, counted in `x-proxy-warnings`. */
export interface TranslationWarning {
  /** Dotted path of the dropped field in the source wire, e.g. 'messages[2].content[0].cache_control'. */
  field: string;
  message: string;
}

export interface Translated<T> {
  value: T;
  warnings: TranslationWarning[];
}

/** Injected so translators stay pure and golden tests deterministic (ARCHITECTURE.md principle 4). */
export interface TranslationContext {
  generateId: (prefix: string) => string;
  /** Milliseconds since epoch. */
  now: () => number;
}
