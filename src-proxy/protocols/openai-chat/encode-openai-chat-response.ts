import type { CanonicalResponse, TranslationContext } from '../../canonical/index';
import { mediaSourceToDataUrl } from '../../translation/data-url';
import { convertUsageToOpenAIChat } from './convert-openai-chat-usage';
import { mapFinishReasonToOpenAIChat } from './map-openai-chat-finish-reason';
import type { OpenAIChatCompletion, OpenAIChatResponseMessage } from './openai-chat-types';

export interface OpenAIChatResponseOptions {
  /** The model name the client asked for, echoed back as OpenAI does. */
  model: string;
}

/**
 * Canonical response -> the `chat.completion` object an OpenAI client parses (chat reference, "The chat
 * completion object"). Reasoning goes out as `reasoning_content` (DeepSeek's field, which Cursor,
 * Cline, Open WebUI... display); its signatures and redacted reasoning have no OpenAI field and are
 * dropped (the ClientCodec contract returns the body alone, so there is no warning channel here).
 */
export function encodeOpenAIChatResponse(
  response: CanonicalResponse,
  _context: TranslationContext,
  options: OpenAIChatResponseOptions,
): OpenAIChatCompletion {
  const message = encodeMessage(response);
  const sawToolCalls = message.tool_calls !== undefined;
  return {
    id: response.id,
    object: 'chat.completion',
    created: response.created,
    model: options.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: mapFinishReasonToOpenAIChat(response.finish, sawToolCalls) }],
    usage: convertUsageToOpenAIChat(response.usage),
  };
}

function encodeMessage(response: CanonicalResponse): OpenAIChatResponseMessage {
  let text = '';
  let reasoning: string | undefined;
  const message: OpenAIChatResponseMessage = { role: 'assistant', content: null, refusal: null, annotations: [] };
  for (const part of response.content) {
    switch (part.type) {
      case 'text':
        text += part.text;
        break;
      case 'reasoning':
        // A signature-only part (a Gemini signature) has no chat field: no empty reasoning_content.
        if (!part.redacted && part.text !== '') reasoning = (reasoning ?? '') + part.text;
        break;
      case 'tool-call':
        (message.tool_calls ??= []).push({ id: part.id, type: 'function', function: { name: part.name, arguments: part.arguments || '{}' } });
        break;
      case 'image':
        (message.images ??= []).push({ type: 'image_url', image_url: { url: mediaSourceToDataUrl(part.source) } });
        break;
      default: {
        const unreachable: never = part;
        throw new Error(`unhandled part ${String(unreachable)}`);
      }
    }
  }
  // OpenAI sends `content: null` on a pure tool-call turn, and a string (possibly empty) otherwise.
  message.content = text === '' && message.tool_calls ? null : text;
  if (reasoning !== undefined) message.reasoning_content = reasoning;
  return message;
}
