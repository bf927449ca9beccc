import type { WireFormat } from '../canonical/index';
import { anthropicMessagesClientCodec, anthropicMessagesUpstreamCodec } from './anthropic-messages-codec';
import { geminiClientCodec, geminiUpstreamCodec } from './gemini-codec';
import { openaiChatClientCodec, openaiChatUpstreamCodec, openaiCompletionsClientCodec } from './openai-chat-codec';
import { openaiResponsesClientCodec, openaiResponsesUpstreamCodec } from './openai-responses-codec';
import type { ClientCodec, UpstreamCodec } from './wire-codec';

/** Every client protocol and upstream wire, listed explicitly: the spokes of the hub. */
const clientCodecs: Record<ClientCodec['id'], ClientCodec> = {
  'openai-chat': openaiChatClientCodec,
  'openai-completions': openaiCompletionsClientCodec,
  'openai-responses': openaiResponsesClientCodec,
  'anthropic-messages': anthropicMessagesClientCodec,
  gemini: geminiClientCodec,
};

const upstreamCodecs: Record<WireFormat, UpstreamCodec> = {
  'openai-chat': openaiChatUpstreamCodec,
  'openai-responses': openaiResponsesUpstreamCodec,
  'anthropic-messages': anthropicMessagesUpstreamCodec,
  gemini: geminiUpstreamCodec,
};

export function getClientCodec(id: ClientCodec['id']): ClientCodec {
  return clientCodecs[id];
}

export function getUpstreamCodec(wire: WireFormat): UpstreamCodec {
  return upstreamCodecs[wire];
}
