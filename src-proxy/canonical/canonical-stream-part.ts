import type { SignatureFormat } from './canonical-content';
import type { CanonicalFinish, CanonicalUsage } from './canonical-response';

/**
 * The streaming hub. Invariants (checked by the conformance suite): `response-start` first; every
 * `*-start` has exactly one `*-end` with the same `index`, deltas only between them; indexes are unique
 * per block within a response; exactly one `finish`, last (an `error` may replace it).
 */
export type CanonicalStreamPart =
  | { type: 'response-start'; id: string; model: string; created: number }
  | { type: 'text-start'; index: number }
  | { type: 'text-delta'; index: number; delta: string }
  | { type: 'text-end'; index: number }
  | { type: 'reasoning-start'; index: number; redacted?: boolean }
  | { type: 'reasoning-delta'; index: number; delta: string }
  | { type: 'reasoning-signature'; index: number; signature: string; format: SignatureFormat }
  | { type: 'reasoning-end'; index: number }
  | { type: 'tool-call-start'; index: number; id: string; name: string }
  | { type: 'tool-call-delta'; index: number; argumentsDelta: string }
  | { type: 'tool-call-end'; index: number }
  /** Usage known so far (some upstreams report input tokens at the start, output at the end). */
  | { type: 'usage'; usage: Partial<CanonicalUsage> }
  | { type: 'finish'; finish: CanonicalFinish; usage: CanonicalUsage }
  | { type: 'error'; error: CanonicalStreamError };

export interface CanonicalStreamError {
  message: string;
  /** HTTP-like status that best describes it (e.g. 529 overloaded, 500). */
  status: number;
  /** Vendor error type/code when there is one. */
  code?: string;
}
