/**
 * What a fake upstream was asked, in its own wire: the last user text (the fakes call a tool only when it
 * says "weather"), used to explain why no tool call came back; and whether tool calls and tool results
 * pair up the way the real provider demands (the fakes accept anything, a real API answers 400).
 */
import type { RecordedRequest } from '../../test/fakes/fake-openai-types';
import type { UpstreamWire } from './account-types';

export function upstreamLastUserText(upstream: UpstreamWire, request: RecordedRequest): string {
  const body = isRecord(request.body) ? request.body : {};
  switch (upstream) {
    case 'openai': {
      const messages = Array.isArray(body.messages) ? body.messages : [];
      const last: unknown = [...messages].reverse().find((message) => isRecord(message) && message.role === 'user');
      return isRecord(last) ? textOf(last.content) : '';
    }
    case 'anthropic': {
      const messages = Array.isArray(body.messages) ? body.messages : [];
      const last: unknown = [...messages].reverse().find((message) => isRecord(message) && message.role === 'user');
      if (!isRecord(last)) return '';
      if (typeof last.content === 'string') return last.content;
      return (Array.isArray(last.content) ? last.content : []).filter((block) => isRecord(block) && block.type === 'text').map((block) => textOf(block)).join(' ');
    }
    case 'gemini': {
      const contents = Array.isArray(body.contents) ? body.contents : [];
      for (let index = contents.length - 1; index >= 0; index -= 1) {
        const content: unknown = contents[index];
        if (!isRecord(content) || content.role === 'model' || !Array.isArray(content.parts)) continue;
        const text = content.parts.map((part: unknown) => (isRecord(part) && typeof part.text === 'string' ? part.text : '')).join('');
        if (text !== '') return text;
      }
      return '';
    }
    case 'responses': {
      const input = body.input;
      if (typeof input === 'string') return input;
      const items = Array.isArray(input) ? input : [];
      const last: unknown = [...items].reverse().find((item) => isRecord(item) && item.role === 'user');
      return isRecord(last) ? textOf(last.content) : '';
    }
  }
}

/**
 * Tool call/result pairing problems a real provider would reject:
 * - OpenAI Chat: every assistant `tool_calls[].id` answered by the `tool` messages right after it, and
 *   every `tool` message answering such a call;
 * - Anthropic: every `tool_use` answered by a `tool_result` in the very next (user) message;
 * - Responses: every `function_call_output.call_id` has an earlier `function_call`, and every call an output;
 * - Gemini: a model turn's functionCall parts answered by as many functionResponse parts (same names) next.
 */
export function upstreamPairingProblems(upstream: UpstreamWire, request: RecordedRequest): string[] {
  const body = isRecord(request.body) ? request.body : {};
  const problems: string[] = [];
  if (upstream === 'openai') {
    let pending: string[] = [];
    const messages = Array.isArray(body.messages) ? body.messages : [];
    messages.forEach((message, index) => {
      if (!isRecord(message)) return;
      if (message.role === 'tool') {
        const id = String(message.tool_call_id);
        if (!pending.includes(id)) problems.push(`messages[${index}]: tool message for ${id}, which no preceding assistant tool_calls has`);
        pending = pending.filter((entry) => entry !== id);
        return;
      }
      if (pending.length > 0) problems.push(`messages[${index}]: tool_calls ${pending.join(', ')} have no tool message before this ${String(message.role)} message`);
      pending = (Array.isArray(message.tool_calls) ? message.tool_calls : []).map((call) => (isRecord(call) ? String(call.id) : ''));
    });
    if (pending.length > 0) problems.push(`tool_calls ${pending.join(', ')} are never answered`);
  } else if (upstream === 'anthropic') {
    const messages = Array.isArray(body.messages) ? body.messages : [];
    messages.forEach((message, index) => {
      if (!isRecord(message) || message.role !== 'assistant' || !Array.isArray(message.content)) return;
      const uses = message.content.flatMap((block) => (isRecord(block) && block.type === 'tool_use' ? [String(block.id)] : []));
      if (uses.length === 0) return;
      const next: unknown = messages[index + 1];
      const results = isRecord(next) && Array.isArray(next.content) ? next.content.flatMap((block) => (isRecord(block) && block.type === 'tool_result' ? [String(block.tool_use_id)] : [])) : [];
      const missing = uses.filter((id) => !results.includes(id));
      if (next !== undefined && missing.length > 0) problems.push(`messages[${index}]: tool_use ${missing.join(', ')} without tool_result in the next message`);
      const stray = results.filter((id) => !uses.includes(id));
      if (stray.length > 0) problems.push(`messages[${index + 1}]: tool_result for ${stray.join(', ')}, not a tool_use of the previous message`);
    });
  } else if (upstream === 'responses') {
    const items = Array.isArray(body.input) ? body.input : [];
    const calls = new Set<string>();
    const outputs = new Set<string>();
    items.forEach((item, index) => {
      if (!isRecord(item)) return;
      if (item.type === 'function_call' || item.type === 'custom_tool_call') calls.add(String(item.call_id));
      if (item.type === 'function_call_output' || item.type === 'custom_tool_call_output') {
        if (!calls.has(String(item.call_id))) problems.push(`input[${index}]: output for ${String(item.call_id)} without an earlier call`);
        outputs.add(String(item.call_id));
      }
    });
    for (const id of calls) if (!outputs.has(id)) problems.push(`function_call ${id} has no function_call_output`);
  } else {
    const contents = Array.isArray(body.contents) ? body.contents : [];
    contents.forEach((content, index) => {
      if (!isRecord(content) || content.role !== 'model' || !Array.isArray(content.parts)) return;
      const calls = content.parts.flatMap((part) => (isRecord(part) && isRecord(part.functionCall) ? [String(part.functionCall.name)] : []));
      if (calls.length === 0) return;
      const next: unknown = contents[index + 1];
      if (next === undefined) return;
      const responses = isRecord(next) && Array.isArray(next.parts) ? next.parts.flatMap((part) => (isRecord(part) && isRecord(part.functionResponse) ? [String(part.functionResponse.name)] : [])) : [];
      if (responses.length !== calls.length || calls.some((name, position) => responses[position] !== name)) {
        problems.push(`contents[${index}]: functionCall ${calls.join(', ')} answered by functionResponse [${responses.join(', ')}] in the next turn`);
      }
    });
  }
  return problems;
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (isRecord(content) && typeof content.text === 'string') return content.text;
  if (Array.isArray(content)) return content.map((part) => (isRecord(part) && typeof part.text === 'string' ? part.text : '')).join(' ');
  return '';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
