import type { WireFormat } from '../canonical/index';
import { anthropicMessagesCodec } from './anthropic-messages/index';
import { geminiCodec } from './gemini/index';
import { openaiChatCodec } from './openai-chat/index';
import { openaiCompletionsCodec } from './openai-completions/index';
import { openaiResponsesCodec } from './openai-responses/index';
import type { ClientCodec, UpstreamCodec } from './wire-codec';

/** Every client protocol and upstream wire, listed explicitly: the spokes of the hub, each its folder's codec. */
const clientCodecs: Record<ClientCodec['id'], ClientCodec> = {
  'openai-chat': openaiChatCodec.client,
  'openai-completions': openaiCompletionsCodec.client,
  'openai-responses': openaiResponsesCodec.client,
  'anthropic-messages': anthropicMessagesCodec.client,
  gemini: geminiCodec.client,
};

const upstreamCodecs: Record<WireFormat, UpstreamCodec> = {
  'openai-chat': openaiChatCodec.upstream,
  'openai-responses': openaiResponsesCodec.upstream,
  'anthropic-messages': anthropicMessagesCodec.upstream,
  gemini: geminiCodec.upstream,
};

export function getClientCodec(id: ClientCodec['id']): ClientCodec {
  return clientCodecs[id];
}

export function getUpstreamCodec(wire: WireFormat): UpstreamCodec {
  return upstreamCodecs[wire];
}
