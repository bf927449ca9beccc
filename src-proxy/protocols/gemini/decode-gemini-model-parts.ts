import type { AssistantContentPart, TranslationWarning } from '../../canonical/index';
import { decodeFileData, decodeInlineData } from './gemini-media';
import type { DecodedSignature } from './gemini-thought-signature';

/** The fields of a model-turn part this decoder reads (request and response schemas both fit). */
export interface GeminiModelPartLike {
  text?: string | null;
  thought?: boolean | null;
  thoughtSignature?: string | null;
  inlineData?: { mimeType: string; data: string } | null;
  fileData?: { mimeType?: string | null; fileUri: string } | null;
  functionCall?: { name: string; args?: Record<string, unknown> | null; id?: string | null } | null;
}

export interface ModelPartsOptions {
  /** Client signatures may be carriers of another vendor's; upstream ones are always Gemini's. */
  decodeSignature: (value: string | null | undefined) => DecodedSignature | undefined;
  /** Gemini has no mandatory call ids: one is made when the part has none. */
  newToolCallId: () => string;
  /** Restores the client's tool name (identity for client requests). */
  restoreName: (name: string) => string;
  /** Dotted path of the parts array, for warnings. */
  path: string;
}

/**
 * Parts of one Gemini model turn (https://ai.google.dev/api/caching#Part) -> canonical assistant parts:
 * `thought` text -> reasoning, `functionCall` -> tool call (its thoughtSignature on the call), images ->
 * image parts. A signature on a plain text part has no canonical home on the text: it becomes a
 * signature-only reasoning part right before that text (Gemini 2.5 and 3 sign the last part of a turn,
 * https://ai.google.dev/gemini-api/docs/thought-signatures). One on an empty part joins the unsigned
 * reasoning part just before it, or stands alone where it came.
 */
export function decodeGeminiModelParts(
  parts: readonly GeminiModelPartLike[],
  options: ModelPartsOptions,
  warnings: TranslationWarning[],
  content: AssistantContentPart[] = [],
): AssistantContentPart[] {
  parts.forEach((part, index) => {
    const signature = options.decodeSignature(part.thoughtSignature);
    const signed = signature ? { signature: signature.signature, signatureFormat: signature.format } : {};
    if (part.functionCall) {
      const call = part.functionCall;
      content.push({
        type: 'tool-call',
        id: call.id || options.newToolCallId(),
        name: options.restoreName(call.name),
        arguments: JSON.stringify(call.args ?? {}),
        ...signed,
      });
    } else if (part.inlineData || part.fileData) {
      const media = part.inlineData ? decodeInlineData(part.inlineData) : decodeFileData(part.fileData ?? { fileUri: '' });
      if (media.type === 'image') content.push(media);
      else warnings.push({ field: `${options.path}[${index}]`, message: 'non-image media in a model turn has no canonical form; dropped' });
    } else if (part.thought && typeof part.text === 'string') {
      appendThought(content, part.text, signature);
    } else if (part.text && signature) {
      // Before the text it signs: every client wire puts reasoning before the answer (an Anthropic
      // client takes the last block as the answer), and the encoders put it back onto this text.
      content.push(signatureOnly(signature), { type: 'text', text: part.text });
    } else if (typeof part.text === 'string' || signature) {
      if (part.text) content.push({ type: 'text', text: part.text });
      if (signature) attachLooseSignature(content, signature);
    } else {
      warnings.push({ field: `${options.path}[${index}]`, message: 'part kind not supported by the proxy; dropped' });
    }
  });
  return content;
}

/**
 * Streamed thoughts come back from clients as many small parts (the SDKs keep one part per chunk) with
 * the signature on the last one; they are joined into one reasoning part so the signature covers all
 * of the text it signs. A signed or redacted part is never extended.
 */
function appendThought(content: AssistantContentPart[], text: string, signature: DecodedSignature | undefined): void {
  const last = content[content.length - 1];
  if (last?.type === 'reasoning' && last.signature === undefined && !last.redacted && !signature?.redacted) {
    last.text += text;
    if (signature) {
      last.signature = signature.signature;
      last.signatureFormat = signature.format;
    }
    return;
  }
  content.push({
    type: 'reasoning',
    text,
    ...(signature ? { signature: signature.signature, signatureFormat: signature.format } : {}),
    ...(signature?.redacted ? { redacted: true } : {}),
  });
}

/**
 * A signature on an empty part (how a stream ends a turn): it closes the unsigned reasoning before it,
 * or stands alone where it came.
 */
function attachLooseSignature(content: AssistantContentPart[], signature: DecodedSignature): void {
  const last = content[content.length - 1];
  if (last?.type === 'reasoning' && last.signature === undefined) {
    last.signature = signature.signature;
    last.signatureFormat = signature.format;
    return;
  }
  content.push(signatureOnly(signature));
}

function signatureOnly(signature: DecodedSignature): AssistantContentPart {
  return {
    type: 'reasoning',
    text: '',
    signature: signature.signature,
    signatureFormat: signature.format,
    ...(signature.redacted ? { redacted: true } : {}),
  };
}
