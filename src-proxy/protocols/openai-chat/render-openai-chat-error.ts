import type { ProxyError } from '../../errors/proxy-error';
import { renderOpenAIError, renderOpenAIStreamError, type RenderedError } from '../../translation/render-openai-error';

/** An error in OpenAI Chat's format (shared with legacy completions): an OpenAI Chat upstream's own body passes verbatim. */
export function renderOpenAIChatError(error: ProxyError): RenderedError {
  return renderOpenAIError(error, 'openai-chat');
}

/** The in-stream form, sent after a stream was committed: one SSE data event (what the SDK throws on). */
export function renderOpenAIChatStreamError(error: ProxyError): string {
  return renderOpenAIStreamError(error, 'openai-chat');
}
