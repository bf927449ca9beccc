import type { AssistantContentPart, CanonicalResponse, Translated, TranslationContext, TranslationWarning } from '../../canonical/index';
import { ProxyError } from '../../errors/proxy-error';
import { mediaSourceFromUrl } from '../../translation/data-url';
import { convertOpenAIChatUsage } from './convert-openai-chat-usage';
import { mapOpenAIChatFinishReason } from './map-openai-chat-finish-reason';
import type { OpenAIChatUpstreamResponse } from './openai-chat-schemas';
import { readOpenAIChatReasoning, readOpenAIChatText } from './read-openai-chat-message';
import { readOpenAIChatUpstreamResponse } from './read-openai-chat-upstream';

type UpstreamMessage = NonNullable<NonNullable<NonNullable<OpenAIChatUpstreamResponse['choices']>[number]['message']>>;

/**
 * An upstream `chat.completion` body -> canonical response (chat reference, "The chat completion
 * object"). Only the first choice is kept: the hub has one assistant turn per response.
 */
export function decodeOpenAIChatResponse(body: unknown, context: TranslationContext): Translated<CanonicalResponse> {
  const response = readOpenAIChatUpstreamResponse(body);
  if (!response) {
    throw new ProxyError({ code: 'PX_UPSTREAM_PROTOCOL', httpStatus: 502, message: 'The upstream answered with something that is not a chat completion object.' });
  }
  const choices = response.choices ?? [];
  if (choices.length === 0 && response.error !== undefined) throw upstreamErrorInBody(body);
  const warnings: TranslationWarning[] = [];
  if (choices.length > 1) warnings.push({ field: 'choices', message: `${choices.length - 1} extra choice(s) were dropped; only the first is translated` });
  const choice = choices.find((candidate) => candidate.index === 0) ?? choices[0];
  const content = choice?.message ? decodeMessage(choice.message, context) : [];
  const sawToolCalls = content.some((part) => part.type === 'tool-call');
  const finish = choice?.finish_reason ? mapOpenAIChatFinishReason(choice.finish_reason) : { reason: sawToolCalls ? ('tool-calls' as const) : ('stop' as const) };
  return {
    value: {
      id: response.id || context.generateId('chatcmpl'),
      model: response.model ?? '',
      created: response.created ?? Math.floor(context.now() / 1000),
      content,
      finish,
      usage: convertOpenAIChatUsage(response.usage),
    },
    warnings,
  };
}

function upstreamErrorInBody(body: unknown): ProxyError {
  return new ProxyError({
    code: 'PX_UPSTREAM_HTTP',
    httpStatus: 502,
    message: 'The upstream answered 200 with an error object instead of a completion.',
    upstreamBody: JSON.stringify(body),
    upstreamWire: 'openai-chat',
  });
}

/** Reasoning first, then the visible text, generated images, and tool calls: the order they happened. */
function decodeMessage(message: UpstreamMessage, context: TranslationContext): AssistantContentPart[] {
  const parts: AssistantContentPart[] = [];
  const reasoning = readOpenAIChatReasoning(message);
  if (reasoning) parts.push({ type: 'reasoning', text: reasoning });
  const text = readOpenAIChatText(message.content) + (message.refusal ?? '');
  if (text) parts.push({ type: 'text', text });
  for (const image of message.images ?? []) {
    if (image.image_url?.url) parts.push({ type: 'image', source: mediaSourceFromUrl(image.image_url.url) });
  }
  for (const call of message.tool_calls ?? []) {
    parts.push({
      type: 'tool-call',
      id: call.id || context.generateId('call'),
      name: call.function?.name ?? '',
      arguments: call.function?.arguments || '{}',
    });
  }
  if (message.function_call?.name) {
    parts.push({ type: 'tool-call', id: context.generateId('call'), name: message.function_call.name, arguments: message.function_call.arguments || '{}' });
  }
  return parts;
}
