import type {
  AssistantContentPart,
  CanonicalRequest,
  CanonicalResponse,
  CanonicalStreamPart,
  CanonicalUsage,
  FinishReason,
  SignatureFormat,
  TranslationContext,
  WireFormat,
} from '../../src-proxy/canonical/index';
import { getClientCodec, getUpstreamCodec } from '../../src-proxy/protocols/codec-registry';
import { SseParser } from '../../src-proxy/sse/sse-parser';

/**
 * Shared pieces of the protocol conformance suite: the wires (checked exhaustive against WireFormat by
 * the compiler), canonical fixtures, the round-trip drivers (client encoder -> wire text -> upstream
 * decoder of the same wire) and the summary both sides of a round trip are compared by.
 */

/** Every wire of the registry. `satisfies` makes a new WireFormat a compile error until it is listed here. */
const wireTable = { 'openai-chat': true, 'openai-responses': true, 'anthropic-messages': true, gemini: true } satisfies Record<WireFormat, true>;
export const wires = Object.keys(wireTable) as WireFormat[];

/** Whose reasoning signature a wire carries natively (OpenAI Chat has no signature field). */
export const nativeSignatureFormat: Record<WireFormat, SignatureFormat | undefined> = {
  'openai-chat': undefined,
  'openai-responses': 'openai-responses',
  'anthropic-messages': 'anthropic',
  gemini: 'gemini',
};

export const finishReasons: FinishReason[] = ['stop', 'length', 'tool-calls', 'content-filter', 'error', 'other'];

export function testContext(): TranslationContext {
  let counter = 0;
  return { generateId: (prefix) => `${prefix}_${(counter += 1)}`, now: () => 1_767_225_600_000 };
}

/** The request the round trips answer: its tools give the upstream decoders their restore state. */
export const conformanceRequest: CanonicalRequest = {
  model: 'conformance-model',
  system: [],
  messages: [{ role: 'user', content: [{ type: 'text', text: 'What is the weather in Paris?' }] }],
  tools: [
    { name: 'get_weather', description: 'Weather of a city', inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
    { name: 'get_time', description: 'Local time', inputSchema: { type: 'object', properties: { timezone: { type: 'string' } }, required: ['timezone'] } },
  ],
  stream: true,
};

export const finalUsage: CanonicalUsage = { inputTokens: 1200, outputTokens: 42, cachedInputTokens: 1000, reasoningTokens: 10, totalTokens: 1242 };
const start: CanonicalStreamPart = { type: 'response-start', id: 'resp_conformance', model: 'conformance-model', created: 1_767_225_600 };

function textBlock(index: number, ...deltas: string[]): CanonicalStreamPart[] {
  return [{ type: 'text-start', index }, ...deltas.map((delta): CanonicalStreamPart => ({ type: 'text-delta', index, delta })), { type: 'text-end', index }];
}

function toolCallBlocks(first: number): CanonicalStreamPart[] {
  const second = first + 1;
  return [
    { type: 'tool-call-start', index: first, id: 'call_weather_1', name: 'get_weather' },
    { type: 'tool-call-start', index: second, id: 'call_time_2', name: 'get_time' },
    { type: 'tool-call-delta', index: first, argumentsDelta: '{"city":' },
    { type: 'tool-call-delta', index: second, argumentsDelta: '{"timezone":' },
    { type: 'tool-call-delta', index: first, argumentsDelta: '"Paris"}' },
    { type: 'tool-call-delta', index: second, argumentsDelta: '"Europe/Paris"}' },
    { type: 'tool-call-end', index: first },
    { type: 'tool-call-end', index: second },
  ];
}

/** The canonical stream-part sequences every wire must carry (names are used by the lossy table). */
export function streamSequences(wire: WireFormat): Record<string, CanonicalStreamPart[]> {
  const format = nativeSignatureFormat[wire] ?? 'anthropic';
  return {
    text: [start, { type: 'usage', usage: { inputTokens: 1200 } }, ...textBlock(0, 'Hel', 'lo, wörld ✓'), { type: 'finish', finish: { reason: 'stop' }, usage: finalUsage }],
    reasoning: [
      start,
      { type: 'reasoning-start', index: 0 },
      { type: 'reasoning-delta', index: 0, delta: 'Paris is in ' },
      { type: 'reasoning-delta', index: 0, delta: 'France.' },
      { type: 'reasoning-signature', index: 0, signature: `sig-${format}-AbC123==`, format },
      { type: 'reasoning-end', index: 0 },
      ...textBlock(1, 'It is sunny.'),
      { type: 'finish', finish: { reason: 'stop' }, usage: finalUsage },
    ],
    'parallel-tools': [start, ...textBlock(0, 'Checking both.'), ...toolCallBlocks(1), { type: 'finish', finish: { reason: 'tool-calls' }, usage: finalUsage }],
    usage: [
      start,
      { type: 'usage', usage: { inputTokens: 1200, cachedInputTokens: 1000 } },
      ...textBlock(0, 'Counted.'),
      { type: 'usage', usage: { outputTokens: 40 } },
      { type: 'finish', finish: { reason: 'stop' }, usage: finalUsage },
    ],
    error: [start, ...textBlock(0, 'Partial answer'), { type: 'error', error: { message: 'Upstream overloaded, try again', status: 529, code: 'overloaded_error' } }],
  };
}

/** A stream that ends with `reason`; a tool-calls stop comes with a tool call, as it always does. */
export function finishSequence(reason: FinishReason): CanonicalStreamPart[] {
  const body = reason === 'tool-calls' ? toolCallBlocks(1) : [];
  return [start, ...textBlock(0, 'Done.'), ...body, { type: 'finish', finish: { reason }, usage: finalUsage }];
}

/** The non-stream responses every wire must carry. */
export function canonicalResponses(wire: WireFormat): Record<string, CanonicalResponse> {
  const format = nativeSignatureFormat[wire] ?? 'anthropic';
  const base = { id: 'resp_conformance', model: 'conformance-model', created: 1_767_225_600, usage: finalUsage };
  const calls: AssistantContentPart[] = [
    { type: 'tool-call', id: 'call_weather_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
    { type: 'tool-call', id: 'call_time_2', name: 'get_time', arguments: '{"timezone":"Europe/Paris"}' },
  ];
  return {
    text: { ...base, content: [{ type: 'text', text: 'Hello, wörld ✓' }], finish: { reason: 'stop' } },
    reasoning: {
      ...base,
      content: [
        { type: 'reasoning', text: 'Paris is in France.', signature: `sig-${format}-AbC123==`, signatureFormat: format },
        { type: 'text', text: 'It is sunny.' },
      ],
      finish: { reason: 'stop' },
    },
    'parallel-tools': { ...base, content: [{ type: 'text', text: 'Checking both.' }, ...calls], finish: { reason: 'tool-calls' } },
  };
}

export function responseWithFinish(reason: FinishReason): CanonicalResponse {
  const calls: AssistantContentPart[] = reason === 'tool-calls' ? [{ type: 'tool-call', id: 'call_weather_1', name: 'get_weather', arguments: '{"city":"Paris"}' }] : [];
  return { id: 'resp_conformance', model: 'conformance-model', created: 1_767_225_600, usage: finalUsage, content: [{ type: 'text', text: 'Done.' }, ...calls], finish: { reason } };
}

// ---- round-trip drivers ---------------------------------------------------------------------------

export function parseSse(text: string) {
  const parser = new SseParser();
  return [...parser.push(Buffer.from(text, 'utf8')), ...parser.end()];
}

/** Canonical parts -> W's client stream encoder -> SSE text -> SseParser -> W's upstream stream decoder. */
export function streamRoundTrip(wire: WireFormat, parts: readonly CanonicalStreamPart[]): { text: string; decoded: CanonicalStreamPart[] } {
  const context = testContext();
  const restore = getUpstreamCodec(wire).encodeRequest(conformanceRequest, context).restore;
  const encoder = getClientCodec(wire).createStreamEncoder(context, { model: 'conformance-model', includeUsage: true, canonical: conformanceRequest });
  const text = parts.map((part) => encoder.encode(part)).join('') + encoder.flush();
  const decoder = getUpstreamCodec(wire).createStreamDecoder(context, restore);
  const decoded = [...parseSse(text).flatMap((event) => decoder.decode(event)), ...decoder.flush()];
  return { text, decoded };
}

/** CanonicalResponse -> W's client encodeResponse -> JSON text -> W's upstream decodeResponse. */
export function responseRoundTrip(wire: WireFormat, response: CanonicalResponse): CanonicalResponse {
  const context = testContext();
  const restore = getUpstreamCodec(wire).encodeRequest({ ...conformanceRequest, stream: false }, context).restore;
  const body = JSON.stringify(getClientCodec(wire).encodeResponse(response, context, { model: 'conformance-model' }));
  return getUpstreamCodec(wire).decodeResponse(JSON.parse(body) as unknown, context, restore).value;
}

// ---- what a round trip must preserve --------------------------------------------------------------

export interface Summary {
  text: string;
  reasoning: string;
  signatures: Array<{ signature: string; format: SignatureFormat }>;
  toolCalls: Array<{ id: string; name: string; arguments: unknown }>;
  finish: FinishReason | undefined;
  error: { message: string; status: number } | undefined;
  usage: { inputTokens: number; outputTokens: number; cachedInputTokens: number | undefined; reasoningTokens: number | undefined } | undefined;
}

function usageSummary(usage: CanonicalUsage): Summary['usage'] {
  return { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, cachedInputTokens: usage.cachedInputTokens, reasoningTokens: usage.reasoningTokens };
}

export function summarizeStream(parts: readonly CanonicalStreamPart[]): Summary {
  const summary: Summary = { text: '', reasoning: '', signatures: [], toolCalls: [], finish: undefined, error: undefined, usage: undefined };
  const args = new Map<number, { id: string; name: string; text: string }>();
  for (const part of parts) {
    if (part.type === 'text-delta') summary.text += part.delta;
    else if (part.type === 'reasoning-delta') summary.reasoning += part.delta;
    else if (part.type === 'reasoning-signature') summary.signatures.push({ signature: part.signature, format: part.format });
    else if (part.type === 'tool-call-start') args.set(part.index, { id: part.id, name: part.name, text: '' });
    else if (part.type === 'tool-call-delta') {
      const call = args.get(part.index);
      if (call) call.text += part.argumentsDelta;
    } else if (part.type === 'finish') {
      summary.finish = part.finish.reason;
      summary.usage = usageSummary(part.usage);
    } else if (part.type === 'error') summary.error = { message: part.error.message, status: part.error.status };
  }
  summary.toolCalls = [...args.values()].map((call) => ({ id: call.id, name: call.name, arguments: JSON.parse(call.text || '{}') as unknown }));
  return summary;
}

export function summarizeResponse(response: CanonicalResponse): Summary {
  const summary: Summary = { text: '', reasoning: '', signatures: [], toolCalls: [], finish: response.finish.reason, error: undefined, usage: usageSummary(response.usage) };
  for (const part of response.content) {
    if (part.type === 'text') summary.text += part.text;
    else if (part.type === 'reasoning') {
      summary.reasoning += part.text;
      if (part.signature !== undefined) summary.signatures.push({ signature: part.signature, format: part.signatureFormat ?? 'anthropic' });
    } else if (part.type === 'tool-call') summary.toolCalls.push({ id: part.id, name: part.name, arguments: JSON.parse(part.arguments || '{}') as unknown });
  }
  return summary;
}
