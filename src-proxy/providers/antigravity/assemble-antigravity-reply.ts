import { unwrapGeminiCliJson } from '../gemini-cli/gemini-cli-response';

type Assembled = { ok: true; body: string } | { ok: false; status: number; message: string; body: string };

interface CandidateState {
  role: string;
  parts: Record<string, unknown>[];
  rest: Record<string, unknown>;
}

/**
 * A buffered Antigravity answer for a non-stream client (ProviderDefinition.assembleBufferedReply): a JSON
 * reply loses its `{response}` wrapper; an SSE reply (Claude models are always asked to stream, as CPA does,
 * docs/providers.md#antigravity-executor) becomes one GenerateContentResponse: each candidate's parts in
 * order, consecutive text parts of the same kind (answer or thought) joined, the last finishReason,
 * usageMetadata and other fields. An `error` event is the failure, with its code as the status.
 */
export function assembleAntigravityReply(body: string): Assembled {
  if (!/^\s*data:/m.test(body) || body.trimStart().startsWith('{')) return { ok: true, body: unwrapGeminiCliJson(body) };
  const candidates = new Map<number, CandidateState>();
  let top: Record<string, unknown> = {};
  for (const chunk of sseChunks(body)) {
    const error = objectOf(chunk.error);
    if (chunk.error !== undefined) {
      const status = typeof error.code === 'number' && error.code >= 400 ? error.code : 502;
      return { ok: false, status, message: typeof error.message === 'string' ? error.message : 'The upstream stream failed.', body: JSON.stringify({ error }) };
    }
    const { candidates: listed, ...fields } = chunk;
    top = { ...top, ...fields };
    if (Array.isArray(listed)) for (const [position, candidate] of listed.entries()) mergeCandidate(candidates, objectOf(candidate), position);
  }
  const merged = [...candidates.entries()].sort(([a], [b]) => a - b).map(([index, state]) => ({ ...state.rest, index, content: { role: state.role, parts: state.parts } }));
  return { ok: true, body: JSON.stringify({ candidates: merged, ...top }) };
}

function mergeCandidate(candidates: Map<number, CandidateState>, candidate: Record<string, unknown>, position: number): void {
  const index = typeof candidate.index === 'number' ? candidate.index : position;
  const state = candidates.get(index) ?? { role: 'model', parts: [], rest: {} };
  candidates.set(index, state);
  const { content, index: _index, ...rest } = candidate;
  state.rest = { ...state.rest, ...rest };
  const { role, parts } = objectOf(content);
  if (typeof role === 'string' && role !== '') state.role = role;
  for (const part of Array.isArray(parts) ? parts.map(objectOf) : []) appendPart(state.parts, part);
}

/** Text continues the previous text part of the same kind (thought or answer); anything else is a part of its own. */
function appendPart(parts: Record<string, unknown>[], part: Record<string, unknown>): void {
  const last = parts.at(-1);
  const joinable = last !== undefined && typeof last.text === 'string' && typeof part.text === 'string' && (last.thought === true) === (part.thought === true) && last.functionCall === undefined;
  if (!joinable) {
    parts.push({ ...part });
    return;
  }
  const { text, ...others } = part;
  Object.assign(last, others, { text: `${String(last.text)}${String(text)}` });
}

function* sseChunks(body: string): Generator<Record<string, unknown>> {
  for (const line of body.split(/\r?\n/)) {
    const data = line.startsWith('data:') ? line.slice(5).trim() : '';
    if (!data.startsWith('{')) continue;
    try {
      const parsed = objectOf(JSON.parse(data));
      yield 'response' in parsed ? objectOf(parsed.response) : parsed;
    } catch {
      // a line that is not JSON carries nothing to merge
    }
  }
}

function objectOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
