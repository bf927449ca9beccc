import type { CanonicalRequest, TextPart, Translated, TranslationContext, TranslationWarning } from '../../canonical/index';
import { decodeOpenAIResponsesInput } from './decode-openai-responses-input';
import {
  decodeOpenAIResponsesReasoning,
  decodeOpenAIResponsesTextFormat,
  decodeOpenAIResponsesToolChoice,
  decodeOpenAIResponsesTools,
  warnStatefulFields,
} from './decode-openai-responses-options';
import type { DecodeSink } from './decode-openai-responses-content';
import { namespacedToolNamesOf } from './openai-responses-namespace-tools';
import { invalidRequestError, parseAt, type RequestIssue } from '../../translation/request-issues';
import { responsesRequestSchema } from './openai-responses-schemas';

/**
 * A client's `POST /v1/responses` body (platform.openai.com/docs/api-reference/responses/create) ->
 * canonical request. `instructions` and the leading system/developer input messages become `system`.
 * Throws PX_INVALID_REQUEST naming every field with a wrong type.
 */
export function decodeOpenAIResponsesRequest(body: unknown, context: TranslationContext): Translated<CanonicalRequest> {
  void context; // ids come from the client (call_id); nothing to synthesise here
  const issues: RequestIssue[] = [];
  const warnings: TranslationWarning[] = [];
  const parsed = parseAt(responsesRequestSchema, body, [], issues);
  if (!parsed) throw invalidRequestError(issues);
  const sink: DecodeSink = { issues, warnings };
  if (parsed.input == null && !parsed.previous_response_id && parsed.conversation == null && parsed['prompt'] == null) {
    issues.push({ path: ['input'], message: 'input is required' });
  }
  // Namespaced tools get flat canonical names; the client encoders rebuild the same map from the same body.
  const namespacedNames = namespacedToolNamesOf(parsed);
  const input = decodeOpenAIResponsesInput(parsed.input, sink, namespacedNames);
  const system: TextPart[] = parsed.instructions ? [{ type: 'text', text: parsed.instructions }, ...input.system] : input.system;
  const request: CanonicalRequest = {
    model: parsed.model,
    system,
    messages: input.messages,
    tools: decodeOpenAIResponsesTools(parsed.tools, sink, namespacedNames),
    stream: parsed.stream === true,
  };
  const toolChoice = decodeOpenAIResponsesToolChoice(parsed.tool_choice, sink, namespacedNames);
  if (toolChoice) request.toolChoice = toolChoice;
  if (parsed.parallel_tool_calls != null) request.parallelToolCalls = parsed.parallel_tool_calls;
  if (parsed.max_output_tokens != null) request.maxOutputTokens = parsed.max_output_tokens;
  if (parsed.temperature != null) request.temperature = parsed.temperature;
  if (parsed.top_p != null) request.topP = parsed.top_p;
  const responseFormat = decodeOpenAIResponsesTextFormat(parsed.text, sink);
  if (responseFormat) request.responseFormat = responseFormat;
  const reasoning = decodeOpenAIResponsesReasoning(parsed.reasoning, sink);
  if (reasoning) request.reasoning = reasoning;
  // A Responses stream always ends with usage in response.completed, so usage is always wanted.
  if (request.stream) request.includeUsage = true;
  if (parsed.user) request.user = parsed.user;
  warnStatefulFields(parsed, sink);
  if (issues.length > 0) throw invalidRequestError(issues);
  return { value: request, warnings };
}
