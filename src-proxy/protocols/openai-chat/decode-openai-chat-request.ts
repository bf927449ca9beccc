import type { CanonicalRequest, Translated, TranslationContext } from '../../canonical/index';
import { ProxyError } from '../../errors/proxy-error';
import type { DecodeScope } from './decode-openai-chat-content';
import { decodeOpenAIChatMessages } from './decode-openai-chat-messages';
import {
  decodeOpenAIChatReasoning,
  decodeOpenAIChatResponseFormat,
  decodeOpenAIChatToolChoice,
  decodeOpenAIChatTools,
  warnUnsupportedOpenAIChatParameters,
} from './decode-openai-chat-options';
import { openaiChatInboundRequestSchema, type OpenAIChatInboundRequest } from './openai-chat-schemas';
import { invalidRequestError, issuesFromZod } from '../../translation/request-issues';

/**
 * A client's `POST /v1/chat/completions` body -> the canonical request
 * (platform.openai.com/docs/api-reference/chat/create). Throws PX_INVALID_REQUEST naming every field
 * of the wrong type; drops what the hub cannot carry with a warning.
 */
export function decodeOpenAIChatRequest(body: unknown, context: TranslationContext): Translated<CanonicalRequest> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ProxyError({ code: 'PX_INVALID_REQUEST', httpStatus: 400, message: 'The request body must be a JSON object.' });
  }
  const parsed = openaiChatInboundRequestSchema.safeParse(body);
  if (!parsed.success) throw invalidRequestError(issuesFromZod(parsed.error));
  const scope: DecodeScope = { warnings: [], issues: [] };
  const request = buildRequest(parsed.data, context, scope);
  warnUnsupportedOpenAIChatParameters(parsed.data, scope);
  if (scope.issues.length > 0) throw invalidRequestError(scope.issues);
  return { value: request, warnings: scope.warnings };
}

function buildRequest(body: OpenAIChatInboundRequest, context: TranslationContext, scope: DecodeScope): CanonicalRequest {
  const { system, messages } = decodeOpenAIChatMessages(body.messages, context, scope);
  const request: CanonicalRequest = {
    model: body.model,
    system,
    messages,
    tools: decodeOpenAIChatTools(body, scope),
    stream: body.stream ?? false,
  };
  const toolChoice = decodeOpenAIChatToolChoice(body, scope);
  if (toolChoice) request.toolChoice = toolChoice;
  const responseFormat = decodeOpenAIChatResponseFormat(body, scope);
  if (responseFormat) request.responseFormat = responseFormat;
  const reasoning = decodeOpenAIChatReasoning(body, scope);
  if (reasoning) request.reasoning = reasoning;
  Object.assign(request, samplingFields(body));
  return request;
}

/** Scalar generation parameters; `max_completion_tokens` (the current name) wins over `max_tokens`. */
function samplingFields(body: OpenAIChatInboundRequest): Partial<CanonicalRequest> {
  const fields: Partial<CanonicalRequest> = {};
  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  if (maxTokens != null) fields.maxOutputTokens = maxTokens;
  if (body.parallel_tool_calls != null) fields.parallelToolCalls = body.parallel_tool_calls;
  if (body.temperature != null) fields.temperature = body.temperature;
  if (body.top_p != null) fields.topP = body.top_p;
  if (body.top_k != null) fields.topK = body.top_k;
  if (body.stop != null) fields.stopSequences = typeof body.stop === 'string' ? [body.stop] : body.stop;
  if (body.seed != null) fields.seed = body.seed;
  if (body.presence_penalty != null) fields.presencePenalty = body.presence_penalty;
  if (body.frequency_penalty != null) fields.frequencyPenalty = body.frequency_penalty;
  if (body.n != null) fields.candidateCount = body.n;
  if (body.stream_options?.include_usage != null) fields.includeUsage = body.stream_options.include_usage;
  if (body.user != null) fields.user = body.user;
  return fields;
}
