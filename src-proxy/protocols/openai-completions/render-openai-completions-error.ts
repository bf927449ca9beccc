import type { ProxyError } from '../../errors/proxy-error';
import { renderOpenAIError, renderOpenAIStreamError, type RenderedError } from '../../translation/render-openai-error';

/**
 * Legacy completions answers errors exactly as OpenAI Chat does (completions reference: the same
 * `{"error":{...}}` object). Its pass-through wire is OpenAI Chat's, so such an upstream's body passes verbatim.
 */
export function renderOpenAICompletionsError(error: ProxyError): RenderedError {
  return renderOpenAIError(error, 'openai-chat');
}

export function renderOpenAICompletionsStreamError(error: ProxyError): string {
  return renderOpenAIStreamError(error, 'openai-chat');
}
