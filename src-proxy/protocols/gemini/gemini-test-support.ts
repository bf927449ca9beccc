/** Test helpers of the Gemini protocol tests (imported by *.test.ts only). */
import type { CanonicalRequest, CanonicalStreamPart, TranslationContext } from '../../canonical/index';
import type { SseEvent } from '../../sse/sse-event';
import { SseParser } from '../../sse/sse-parser';
import type { StreamDecoder } from '../../sse/stream-codec';

/** Deterministic ids (`call_1`, `call_2`, `resp_3`...) and a fixed clock (2026-01-02T03:04:05Z). */
export function testContext(): TranslationContext {
  let counter = 0;
  return {
    generateId: (prefix) => `${prefix}_${(counter += 1)}`,
    now: () => Date.UTC(2026, 0, 2, 3, 4, 5),
  };
}

export function baseRequest(overrides: Partial<CanonicalRequest> = {}): CanonicalRequest {
  return { model: 'gemini-2.5-flash', system: [], messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], tools: [], stream: false, ...overrides };
}

/** SSE text -> events, as the engine's parser delivers them. */
export function parseSse(text: string): SseEvent[] {
  const parser = new SseParser();
  return [...parser.push(new TextEncoder().encode(text)), ...parser.end()];
}

/** One `data:` event per chunk object. */
export function sseFromChunks(chunks: readonly unknown[]): SseEvent[] {
  return chunks.map((chunk) => ({ data: JSON.stringify(chunk) }));
}

export function runDecoder(decoder: StreamDecoder, events: readonly SseEvent[]): CanonicalStreamPart[] {
  return [...events.flatMap((event) => decoder.decode(event)), ...decoder.flush()];
}
