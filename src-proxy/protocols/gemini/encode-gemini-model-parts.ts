import type { AssistantContentPart, SignatureFormat, TranslationWarning } from '../../canonical/index';
import { encodeMediaSource } from './gemini-media';
import { clientThoughtSignature, SKIP_THOUGHT_SIGNATURE } from './gemini-thought-signature';
import type { GeminiPart } from './gemini-types';

/** How signatures, names and ids are written: differs between a Gemini upstream and a Gemini client. */
export interface ModelPartsPolicy {
  /** The thoughtSignature for a canonical signature, or undefined when this audience cannot use it. */
  signature(signature: string | undefined, format: SignatureFormat | undefined, redacted: boolean): string | undefined;
  /** What an unsigned call / thought / image carries: the bypass sentinel upstream, nothing for clients. */
  unsigned: string | undefined;
  functionName(name: string): string;
  /** Clients get `functionCall.id` (so their functionResponse pairs exactly); upstream requests do not. */
  includeCallId: boolean;
  /** Redacted (encrypted-only) reasoning is meaningless to a Gemini model; clients keep it to replay it. */
  keepRedacted: boolean;
}

/** Upstream: only Gemini's own signatures, the sentinel otherwise (Gemini 3 rejects unsigned calls). */
export function upstreamPartsPolicy(functionName: (name: string) => string): ModelPartsPolicy {
  return {
    signature: (signature, format) => (signature && format === 'gemini' ? signature : undefined),
    unsigned: SKIP_THOUGHT_SIGNATURE,
    functionName,
    includeCallId: false,
    keepRedacted: false,
  };
}

/** Client: every signature, foreign ones in a carrier the client replays to us unchanged. */
export const clientPartsPolicy: ModelPartsPolicy = {
  signature: (signature, format, redacted) => (signature ? clientThoughtSignature(signature, format, redacted) : undefined),
  unsigned: undefined,
  functionName: (name) => name,
  includeCallId: true,
  keepRedacted: true,
};

/**
 * Canonical assistant parts -> Gemini model-turn parts (https://ai.google.dev/api/caching#Part). A
 * signature-only reasoning part is how a stream carries a call's signature (canonical stream parts have
 * no signature on tool calls) and how a signature Gemini put on a text part travels: it goes back onto
 * the following call or text part, else (a stream's signature after the text) onto the preceding text.
 *
 * Gemini 3 signs only the first call of parallel calls and checks it; the other calls are replayed as
 * received, unsigned (https://ai.google.dev/gemini-api/docs/thought-signatures). The bypass value is
 * for a turn whose first call has no Gemini signature at all.
 */
export function encodeGeminiModelParts(
  content: readonly AssistantContentPart[],
  policy: ModelPartsPolicy,
  path: string,
  warnings: TranslationWarning[],
): GeminiPart[] {
  const parts: GeminiPart[] = [];
  let held: string | undefined;
  let callSigned = false;
  content.forEach((part, index) => {
    switch (part.type) {
      case 'text':
        if (part.text !== '') parts.push(withSignature({ text: part.text }, held));
        held = undefined;
        return;
      case 'reasoning': {
        if (part.redacted && !policy.keepRedacted) {
          warnings.push({ field: `${path}[${index}]`, message: 'redacted reasoning cannot be replayed to Gemini; dropped' });
          return;
        }
        const signature = policy.signature(part.signature, part.signatureFormat, part.redacted === true);
        if (part.text !== '' || part.redacted) parts.push(withSignature({ text: part.text, thought: true }, signature ?? policy.unsigned));
        else if (signature && signsNextPart(content[index + 1])) held = signature;
        else if (signature) attachToPreviousText(parts, signature);
        return;
      }
      case 'tool-call': {
        const own = policy.signature(part.signature, part.signatureFormat, false) ?? held;
        const args = parseArguments(part.arguments, `${path}[${index}].arguments`, warnings);
        const call = { name: policy.functionName(part.name), args, ...(policy.includeCallId ? { id: part.id } : {}) };
        parts.push(withSignature({ functionCall: call }, own ?? (callSigned ? undefined : policy.unsigned)));
        callSigned ||= own !== undefined;
        held = undefined;
        return;
      }
      case 'image':
        parts.push(withSignature(encodeMediaSource(part.source, 'image/png'), policy.unsigned));
        return;
      default: {
        const unknownPart: never = part;
        throw new Error(`unknown assistant part ${JSON.stringify(unknownPart)}`);
      }
    }
  });
  return parts;
}

/** A signature-only reasoning part right before a call or a non-empty text part belongs to that part. */
function signsNextPart(next: AssistantContentPart | undefined): boolean {
  return next?.type === 'tool-call' || (next?.type === 'text' && next.text !== '');
}

function withSignature(part: GeminiPart, signature: string | undefined): GeminiPart {
  return signature === undefined ? part : { ...part, thoughtSignature: signature };
}

function attachToPreviousText(parts: GeminiPart[], signature: string): void {
  const last = parts[parts.length - 1];
  if (last && typeof last.text === 'string' && !last.thought && last.thoughtSignature === undefined) last.thoughtSignature = signature;
  else parts.push({ text: '', thoughtSignature: signature });
}

/** Gemini args are an object; the canonical arguments are JSON text as the model produced it. */
export function parseArguments(text: string, field: string, warnings: TranslationWarning[]): Record<string, unknown> {
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  warnings.push({ field, message: 'arguments are not a JSON object; sent as {}' });
  return {};
}
