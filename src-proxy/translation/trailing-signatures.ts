import type { AssistantContentPart, ReasoningPart } from '../canonical/index';

/**
 * A reasoning part with a signature and no text is a signature carrier: how a Gemini signature on a
 * function call or on a text part travels in the hub (the Gemini protocol README, "Thought signatures").
 * Redacted reasoning is encrypted content of its own, never a carrier.
 */
export function isSignatureCarrier(part: AssistantContentPart): part is ReasoningPart {
  return part.type === 'reasoning' && part.text === '' && part.signature !== undefined && part.redacted !== true;
}

/**
 * The content without the signature carriers that end it. Anthropic and OpenAI clients read reasoning
 * before the answer (Claude Code takes the last content block as the answer); a carrier after
 * everything else signs the end of a Gemini text answer, which Gemini does not check
 * (https://ai.google.dev/gemini-api/docs/thought-signatures), so a client that cannot carry it before
 * the answer does without it. A Gemini client keeps it (its encoder puts it back on the text).
 */
export function withoutTrailingSignatures<Part extends AssistantContentPart>(content: readonly Part[]): Part[] {
  let end = content.length;
  while (end > 0 && isSignatureCarrier(content[end - 1] as Part)) end -= 1;
  return content.slice(0, end);
}
