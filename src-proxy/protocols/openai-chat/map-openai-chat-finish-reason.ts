import type { CanonicalFinish, FinishReason } from '../../canonical/index';
import type { OpenAIChatFinishReason } from './openai-chat-types';

/**
 * Upstream `finish_reason` -> canonical. The first five rows are OpenAI's documented values (chat
 * reference, "choices[].finish_reason"); the rest are values OpenAI-compatible servers are known to send
 * (Gemini's compat layer `max_tokens`, DeepSeek `insufficient_system_resource`, Zhipu `sensitive`,
 * TGI `eos_token`, Anthropic-style `end_turn`/`stop_sequence` from proxies).
 */
const fromOpenAIChat: Record<string, FinishReason> = {
  stop: 'stop',
  length: 'length',
  tool_calls: 'tool-calls',
  function_call: 'tool-calls',
  content_filter: 'content-filter',
  max_tokens: 'length',
  eos_token: 'stop',
  end_turn: 'stop',
  stop_sequence: 'stop',
  sensitive: 'content-filter',
  safety: 'content-filter',
  error: 'error',
  insufficient_system_resource: 'error',
};

export function mapOpenAIChatFinishReason(raw: string): CanonicalFinish {
  return { reason: fromOpenAIChat[raw] ?? 'other', raw };
}

/**
 * Canonical -> the client's `finish_reason`. OpenAI has no `error` or `other`: both read as `stop`. A
 * turn that produced tool calls reports `tool_calls` whatever the upstream said, because agents loop on
 * that value (Gemini, for one, says STOP after a function call).
 */
const toOpenAIChat: Record<FinishReason, OpenAIChatFinishReason> = {
  stop: 'stop',
  length: 'length',
  'tool-calls': 'tool_calls',
  'content-filter': 'content_filter',
  error: 'stop',
  other: 'stop',
};

export function mapFinishReasonToOpenAIChat(finish: CanonicalFinish, sawToolCalls: boolean): OpenAIChatFinishReason {
  const mapped = toOpenAIChat[finish.reason];
  return sawToolCalls && mapped === 'stop' ? 'tool_calls' : mapped;
}
