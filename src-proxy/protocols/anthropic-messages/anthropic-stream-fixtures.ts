import type { SseEvent } from '../../sse/sse-event';
import { SseParser } from '../../sse/sse-parser';

/**
 * Recorded-style Anthropic SSE transcripts, written by hand after the "Streaming Messages" guide
 * (https://docs.anthropic.com/en/docs/build-with-claude/streaming) for tests.
 */

function frame(type: string, payload: Record<string, unknown>): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, ...payload })}\n\n`;
}

function messageStart(id: string, usage: Record<string, unknown>): string {
  const message = {
    id,
    type: 'message',
    role: 'assistant',
    content: [],
    model: 'claude-sonnet-4-5-20250929',
    stop_reason: null,
    stop_sequence: null,
    usage,
  };
  return frame('message_start', { message });
}

const ping = frame('ping', {});

export const textStream =
  messageStart('msg_01Text', { input_tokens: 25, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 1 }) +
  frame('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }) +
  ping +
  frame('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'Hello' } }) +
  frame('content_block_delta', { index: 0, delta: { type: 'text_delta', text: ', world!' } }) +
  frame('content_block_stop', { index: 0 }) +
  frame('message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 15 } }) +
  frame('message_stop', {});

export const toolStream =
  messageStart('msg_01Tool', { input_tokens: 472, output_tokens: 2 }) +
  frame('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }) +
  frame('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'Let me check the weather.' } }) +
  frame('content_block_stop', { index: 0 }) +
  frame('content_block_start', { index: 1, content_block: { type: 'tool_use', id: 'toolu_01T1x1', name: 'get_weather', input: {} } }) +
  frame('content_block_delta', { index: 1, delta: { type: 'input_json_delta', partial_json: '' } }) +
  frame('content_block_delta', { index: 1, delta: { type: 'input_json_delta', partial_json: '{"location": "San Fra' } }) +
  frame('content_block_delta', { index: 1, delta: { type: 'input_json_delta', partial_json: 'ncisco, CA"}' } }) +
  frame('content_block_stop', { index: 1 }) +
  frame('content_block_start', { index: 2, content_block: { type: 'tool_use', id: 'toolu_01T1x2', name: 'get_time', input: {} } }) +
  frame('content_block_stop', { index: 2 }) +
  frame('message_delta', { delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 89 } }) +
  frame('message_stop', {});

export const thinkingStream =
  messageStart('msg_01Think', { input_tokens: 12, cache_creation_input_tokens: 100, cache_read_input_tokens: 2000, output_tokens: 1 }) +
  frame('content_block_start', { index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } }) +
  frame('content_block_delta', { index: 0, delta: { type: 'thinking_delta', thinking: 'First thought. ' } }) +
  frame('content_block_delta', { index: 0, delta: { type: 'thinking_delta', thinking: 'Second thought.' } }) +
  frame('content_block_delta', { index: 0, delta: { type: 'signature_delta', signature: 'EqQBCgIYAhIM1gbcDa9GJwZA' } }) +
  frame('content_block_stop', { index: 0 }) +
  frame('content_block_start', { index: 1, content_block: { type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix' } }) +
  frame('content_block_stop', { index: 1 }) +
  frame('content_block_start', { index: 2, content_block: { type: 'text', text: '' } }) +
  frame('content_block_delta', { index: 2, delta: { type: 'text_delta', text: 'Final answer.' } }) +
  frame('content_block_stop', { index: 2 }) +
  frame('message_delta', {
    delta: { stop_reason: 'stop_sequence', stop_sequence: '\nEND' },
    usage: { input_tokens: 12, cache_creation_input_tokens: 100, cache_read_input_tokens: 2000, output_tokens: 40, output_tokens_details: { thinking_tokens: 30 } },
  }) +
  frame('message_stop', {});

export const overloadedStream =
  messageStart('msg_01Err', { input_tokens: 9, output_tokens: 1 }) +
  frame('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }) +
  frame('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'Partial' } }) +
  frame('error', { error: { type: 'overloaded_error', message: 'Overloaded' } });

/** Cut by the network inside the tool arguments: no content_block_stop, no message_delta. */
export const truncatedStream =
  messageStart('msg_01Cut', { input_tokens: 30, output_tokens: 1 }) +
  frame('content_block_start', { index: 0, content_block: { type: 'tool_use', id: 'toolu_cut', name: 'Read', input: {} } }) +
  frame('content_block_delta', { index: 0, delta: { type: 'input_json_delta', partial_json: '{"path": "/tm' } });

/** A web_search server tool turn: its blocks only make sense to Anthropic clients. */
export const serverToolStream =
  messageStart('msg_01Srv', { input_tokens: 50, output_tokens: 1 }) +
  frame('content_block_start', { index: 0, content_block: { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} } }) +
  frame('content_block_delta', { index: 0, delta: { type: 'input_json_delta', partial_json: '{"query":"x"}' } }) +
  frame('content_block_stop', { index: 0 }) +
  frame('content_block_start', { index: 1, content_block: { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_1', content: [] } }) +
  frame('content_block_stop', { index: 1 }) +
  frame('content_block_start', { index: 2, content_block: { type: 'text', text: 'Found it.' } }) +
  frame('content_block_delta', { index: 2, delta: { type: 'citations_delta', citation: { type: 'web_search_result_location' } } }) +
  frame('content_block_stop', { index: 2 }) +
  frame('message_delta', { delta: { stop_reason: 'pause_turn', stop_sequence: null }, usage: { output_tokens: 7 } }) +
  frame('message_stop', {});

export function parseSse(text: string): SseEvent[] {
  const parser = new SseParser();
  return [...parser.push(new TextEncoder().encode(text)), ...parser.end()];
}
