/**
 * Reads recorded client exchanges in the agent's own wire: which tools it offered, which tool calls the
 * proxy returned to it (JSON or SSE), and which tool results it sent back afterwards.
 */
import { requestJson, type ClientExchange } from './client-recorder';

export type ClientWire = 'anthropic' | 'responses' | 'gemini';

export interface ToolCallSeen {
  name: string;
  /** tool_use id / call_id; Gemini calls have none (matched by name). */
  id: string | undefined;
  exchangeSeq: number;
}

export interface WireSummary {
  /** Generation requests (not count_tokens, models...). */
  generateRequests: ClientExchange[];
  /** Tool names the agent offered in its first generation request that had tools. */
  toolsOffered: string[];
  toolCallsReturned: ToolCallSeen[];
  toolResultsSent: ToolCallSeen[];
  /** Assistant text the proxy returned, concatenated over all generation responses. */
  textReturned: string;
  /** Generation responses whose stream/body could not be read as this wire (evidence of a wire bug). */
  malformed: string[];
}

export function isGenerateRequest(wire: ClientWire, exchange: ClientExchange): boolean {
  const path = exchange.url.split('?')[0] ?? '';
  if (exchange.method !== 'POST') return false;
  if (wire === 'anthropic') return path === '/v1/messages';
  if (wire === 'responses') return path === '/v1/responses';
  return /^\/v1(beta)?\/models\/.+:(generateContent|streamGenerateContent)$/.test(path);
}

export function summarizeWire(wire: ClientWire, exchanges: readonly ClientExchange[]): WireSummary {
  const summary: WireSummary = { generateRequests: [], toolsOffered: [], toolCallsReturned: [], toolResultsSent: [], textReturned: '', malformed: [] };
  for (const exchange of exchanges) {
    if (!isGenerateRequest(wire, exchange)) continue;
    summary.generateRequests.push(exchange);
    const body = requestJson(exchange);
    if (summary.toolsOffered.length === 0) summary.toolsOffered = toolNames(wire, body);
    summary.toolResultsSent.push(...toolResults(wire, body, exchange.seq));
    if (exchange.status !== undefined && exchange.status >= 200 && exchange.status < 300) {
      const reply = readReply(wire, exchange);
      summary.toolCallsReturned.push(...reply.calls);
      summary.textReturned += reply.text;
      // A stream the client itself abandoned (the harness stops looping agents) is not the proxy's malformed answer.
      if (reply.problem && !exchange.clientAborted) summary.malformed.push(`#${exchange.seq}: ${reply.problem}`);
    }
  }
  return summary;
}

function toolNames(wire: ClientWire, body: unknown): string[] {
  const tools = isRecord(body) && Array.isArray(body.tools) ? body.tools : [];
  if (wire === 'gemini') {
    return tools.flatMap((tool) => {
      const declarations = isRecord(tool) ? (tool.functionDeclarations ?? tool.function_declarations) : undefined;
      return Array.isArray(declarations) ? declarations.flatMap((declaration) => (isRecord(declaration) && typeof declaration.name === 'string' ? [declaration.name] : [])) : [];
    });
  }
  return tools.flatMap((tool) => (isRecord(tool) && typeof tool.name === 'string' ? [tool.name] : []));
}

function toolResults(wire: ClientWire, body: unknown, seq: number): ToolCallSeen[] {
  if (!isRecord(body)) return [];
  const found: ToolCallSeen[] = [];
  if (wire === 'anthropic') {
    for (const message of Array.isArray(body.messages) ? body.messages : []) {
      if (!isRecord(message) || !Array.isArray(message.content)) continue;
      for (const block of message.content) {
        if (isRecord(block) && block.type === 'tool_result') found.push({ name: '', id: stringOr(block.tool_use_id), exchangeSeq: seq });
      }
    }
  } else if (wire === 'responses') {
    for (const item of Array.isArray(body.input) ? body.input : []) {
      if (isRecord(item) && (item.type === 'function_call_output' || item.type === 'custom_tool_call_output')) found.push({ name: '', id: stringOr(item.call_id), exchangeSeq: seq });
    }
  } else {
    for (const content of Array.isArray(body.contents) ? body.contents : []) {
      if (!isRecord(content) || !Array.isArray(content.parts)) continue;
      for (const part of content.parts) {
        const response = isRecord(part) ? (part.functionResponse ?? part.function_response) : undefined;
        if (isRecord(response)) found.push({ name: stringOr(response.name) ?? '', id: stringOr(response.id), exchangeSeq: seq });
      }
    }
  }
  return found;
}

interface Reply {
  calls: ToolCallSeen[];
  text: string;
  problem: string | undefined;
}

function readReply(wire: ClientWire, exchange: ClientExchange): Reply {
  const raw = exchange.responseBody.toString('utf8');
  const isSse = (exchange.responseHeaders['content-type'] ?? '').includes('text/event-stream');
  let payloads: unknown[];
  try {
    payloads = isSse ? parseSse(raw) : raw.trim() === '' ? [] : [JSON.parse(raw) as unknown];
  } catch (error) {
    return { calls: [], text: '', problem: `response is not valid ${isSse ? 'SSE JSON' : 'JSON'}: ${(error as Error).message}` };
  }
  // Gemini's non-SSE stream form is a JSON array of chunks.
  if (!isSse && Array.isArray(payloads[0])) payloads = payloads[0] as unknown[];
  if (payloads.length === 0) return { calls: [], text: '', problem: 'empty response body' };
  if (wire === 'anthropic') return readAnthropic(payloads, exchange.seq, isSse);
  if (wire === 'responses') return readResponses(payloads, exchange.seq, isSse);
  return readGemini(payloads, exchange.seq);
}

function readAnthropic(payloads: unknown[], seq: number, isSse: boolean): Reply {
  const calls: ToolCallSeen[] = [];
  let text = '';
  if (!isSse) {
    const body = payloads[0];
    for (const block of isRecord(body) && Array.isArray(body.content) ? body.content : []) {
      if (isRecord(block) && block.type === 'tool_use') calls.push({ name: stringOr(block.name) ?? '', id: stringOr(block.id), exchangeSeq: seq });
      if (isRecord(block) && block.type === 'text') text += stringOr(block.text) ?? '';
    }
    return { calls, text, problem: undefined };
  }
  const types = payloads.map((event) => (isRecord(event) ? String(event.type) : '?'));
  for (const event of payloads) {
    if (!isRecord(event)) continue;
    const block = event.content_block;
    if (event.type === 'content_block_start' && isRecord(block) && block.type === 'tool_use') calls.push({ name: stringOr(block.name) ?? '', id: stringOr(block.id), exchangeSeq: seq });
    const delta = event.delta;
    if (event.type === 'content_block_delta' && isRecord(delta) && delta.type === 'text_delta') text += stringOr(delta.text) ?? '';
  }
  const problem = types[0] !== 'message_start' ? `first event is ${types[0]}, not message_start` : !types.includes('message_stop') ? `no message_stop (events: ${types.join(',')})` : undefined;
  return { calls, text, problem };
}

function readResponses(payloads: unknown[], seq: number, isSse: boolean): Reply {
  const calls: ToolCallSeen[] = [];
  let text = '';
  const collect = (item: unknown): void => {
    if (!isRecord(item)) return;
    if (item.type === 'function_call' || item.type === 'custom_tool_call') calls.push({ name: stringOr(item.name) ?? '', id: stringOr(item.call_id), exchangeSeq: seq });
    if (item.type === 'message' && Array.isArray(item.content)) {
      for (const part of item.content) if (isRecord(part) && part.type === 'output_text') text += stringOr(part.text) ?? '';
    }
  };
  if (!isSse) {
    const body = payloads[0];
    for (const item of isRecord(body) && Array.isArray(body.output) ? body.output : []) collect(item);
    return { calls, text, problem: undefined };
  }
  const types = payloads.map((event) => (isRecord(event) ? String(event.type) : '?'));
  for (const event of payloads) if (isRecord(event) && event.type === 'response.output_item.done') collect(event.item);
  const terminal = types.find((type) => type === 'response.completed' || type === 'response.incomplete' || type === 'response.failed');
  const problem = types[0] !== 'response.created' ? `first event is ${types[0]}, not response.created` : terminal === undefined ? `no response.completed (events: ${types.join(',')})` : undefined;
  return { calls, text, problem };
}

function readGemini(payloads: unknown[], seq: number): Reply {
  const calls: ToolCallSeen[] = [];
  let text = '';
  for (const chunk of payloads) {
    const candidates = isRecord(chunk) && Array.isArray(chunk.candidates) ? chunk.candidates : [];
    for (const candidate of candidates) {
      const content = isRecord(candidate) ? candidate.content : undefined;
      for (const part of isRecord(content) && Array.isArray(content.parts) ? content.parts : []) {
        if (!isRecord(part)) continue;
        const call = part.functionCall ?? part.function_call;
        if (isRecord(call)) calls.push({ name: stringOr(call.name) ?? '', id: stringOr(call.id), exchangeSeq: seq });
        if (typeof part.text === 'string' && part.thought !== true) text += part.text;
      }
    }
  }
  return { calls, text, problem: undefined };
}

/** `data:` payloads of an SSE body, parsed as JSON; `[DONE]` and comments skipped. */
export function parseSse(raw: string): unknown[] {
  const events: unknown[] = [];
  for (const block of raw.split(/\r?\n\r?\n/)) {
    const data = block
      .split(/\r?\n/)
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(5).replace(/^ /, ''))
      .join('\n');
    if (data === '' || data === '[DONE]') continue;
    events.push(JSON.parse(data) as unknown);
  }
  return events;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
