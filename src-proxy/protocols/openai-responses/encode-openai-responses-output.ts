import type { AssistantContentPart, CanonicalFinish, TranslationContext } from '../../canonical/index';
import { withoutTrailingSignatures } from '../../translation/trailing-signatures';
import { toolCallItem, type ClientToolNames } from './openai-responses-custom-tools';
import { encodeEncryptedContent } from './openai-responses-signature';
import type {
  ResponsesError,
  ResponsesFunctionCallItem,
  ResponsesItemStatus,
  ResponsesMessageItem,
  ResponsesOutputItem,
  ResponsesOutputText,
  ResponsesReasoningItem,
} from './openai-responses-types';

/** Output item constructors shared by the JSON and the stream encoder (same shapes in both). */
export function outputText(text: string): ResponsesOutputText {
  return { type: 'output_text', text, annotations: [], logprobs: [] };
}

export function messageItem(id: string, texts: readonly string[], status: ResponsesItemStatus): ResponsesMessageItem {
  return { id, type: 'message', status, role: 'assistant', content: texts.map(outputText) };
}

export function reasoningItem(id: string, text: string, encryptedContent: string | undefined): ResponsesReasoningItem {
  const item: ResponsesReasoningItem = { id, type: 'reasoning', summary: text ? [{ type: 'summary_text', text }] : [] };
  if (encryptedContent !== undefined) item.encrypted_content = encryptedContent;
  return item;
}

export function functionCallItem(id: string, callId: string, name: string, args: string, status: ResponsesItemStatus): ResponsesFunctionCallItem {
  return { id, type: 'function_call', status, arguments: args, call_id: callId, name };
}

/**
 * Canonical content -> output items in order: each run of text parts is one message item, each
 * reasoning part one reasoning item (its signature in `encrypted_content`), each tool call one
 * function_call item (custom_tool_call for the client's custom tools, inner name + `namespace` for its
 * namespaced tools), preceded by a signature-only
 * reasoning item when the call carries a (Gemini) signature. Images have no Responses output
 * form (only hosted image generation) and are left out.
 */
export function encodeOpenAIResponsesOutput(
  content: readonly AssistantContentPart[],
  context: TranslationContext,
  messageStatus: ResponsesItemStatus,
  tools?: ClientToolNames,
): ResponsesOutputItem[] {
  const items: ResponsesOutputItem[] = [];
  let texts: string[] = [];
  const flush = (): void => {
    if (texts.length > 0) items.push(messageItem(context.generateId('msg'), texts, messageStatus));
    texts = [];
  };
  // No reasoning item with only a signature after the answer message (see the helper).
  for (const part of withoutTrailingSignatures(content)) {
    switch (part.type) {
      case 'text':
        texts.push(part.text);
        break;
      case 'reasoning':
        flush();
        items.push(reasoningItem(context.generateId('rs'), part.text, part.signature === undefined ? undefined : encodeEncryptedContent(part.signature, part.signatureFormat, part.redacted)));
        break;
      case 'tool-call':
        flush();
        // A Gemini thoughtSignature on the call has no slot in a function_call item: like the stream
        // path (a signature-only reasoning block before the call), it goes out as a reasoning item with
        // just `encrypted_content` right before it, so a replayed history gives it back to Gemini.
        if (part.signature) items.push(reasoningItem(context.generateId('rs'), '', encodeEncryptedContent(part.signature, part.signatureFormat ?? 'gemini')));
        items.push(toolCallItem({ itemId: context.generateId(tools?.customToolNames?.has(part.name) ? 'ctc' : 'fc'), callId: part.id }, part.name, part.arguments, 'completed', tools));
        break;
      case 'image':
        break;
      default: {
        const unknownPart: never = part;
        throw new Error(`unknown assistant part ${JSON.stringify(unknownPart)}`);
      }
    }
  }
  flush();
  return items;
}

/** `response.error` for a response that ended in error (canonical finish 'error'). */
export function finishError(finish: CanonicalFinish): ResponsesError {
  const detail = finish.raw ? ` (${finish.raw})` : '';
  return { code: 'server_error', message: `The upstream model stopped with an error${detail}.` };
}
