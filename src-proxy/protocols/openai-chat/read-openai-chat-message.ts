import type { OpenAIChatUpstreamDelta } from './openai-chat-schemas';

/**
 * Text of an upstream `content`: a string, or (some compatible servers) an array of `{type:'text'}`
 * parts. Anything else reads as no text.
 */
export function readOpenAIChatText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: unknown) => (typeof part === 'object' && part !== null && 'text' in part && typeof part.text === 'string' ? part.text : ''))
    .join('');
}

/**
 * Reasoning text: DeepSeek's `reasoning_content` (also Qwen, Kimi, vLLM < 0.10) or OpenRouter's
 * `reasoning` (also newer vLLM). A server sending both sends the same text twice, so one is read.
 */
export function readOpenAIChatReasoning(message: Pick<OpenAIChatUpstreamDelta, 'reasoning_content' | 'reasoning'>): string {
  return message.reasoning_content ?? message.reasoning ?? '';
}
