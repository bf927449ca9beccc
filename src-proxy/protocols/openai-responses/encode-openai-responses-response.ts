import type { CanonicalResponse, TranslationContext } from '../../canonical/index';
import { buildOpenAIResponsesObject, pickOpenAIResponsesEcho, toResponsesId } from './build-openai-responses-object';
import { convertUsageToOpenAIResponses } from './convert-openai-responses-usage';
import { encodeOpenAIResponsesOutput, finishError } from './encode-openai-responses-output';
import { mapFinishReasonToOpenAIResponses } from './map-openai-responses-finish-reason';
import type { NamespacedToolNames } from './openai-responses-namespace-tools';
import type { ResponsesObject } from './openai-responses-types';

export interface EncodeOpenAIResponsesResponseOptions {
  /** The model name the client asked for, echoed back. */
  model: string;
  /** The client's request body, to echo its parameters (instructions, tools...) as api.openai.com does. */
  request?: unknown;
  /** The client's custom tools (`customToolNamesOf(request)`): their calls are written as custom_tool_call. */
  customToolNames?: ReadonlySet<string>;
  /** The client's namespaced tools (`namespacedToolNamesOf(request)`): their calls name the inner tool and its namespace. */
  namespacedToolNames?: NamespacedToolNames;
}

/**
 * Canonical response -> the non-stream body of `POST /v1/responses`
 * (platform.openai.com/docs/api-reference/responses/object). Usage detail objects are always present
 * (docs/protocols.md#usage); a length stop is `status: "incomplete"` with `incomplete_details.reason`.
 */
export function encodeOpenAIResponsesResponse(
  response: CanonicalResponse,
  context: TranslationContext,
  options: EncodeOpenAIResponsesResponseOptions,
): ResponsesObject {
  const terminal = mapFinishReasonToOpenAIResponses(response.finish);
  const messageStatus = terminal.status === 'incomplete' ? 'incomplete' : 'completed';
  return buildOpenAIResponsesObject({
    id: toResponsesId(response.id),
    createdAt: response.created,
    model: options.model,
    status: terminal.status,
    output: encodeOpenAIResponsesOutput(response.content, context, messageStatus, options),
    usage: convertUsageToOpenAIResponses(response.usage),
    error: terminal.status === 'failed' ? finishError(response.finish) : null,
    incompleteReason: terminal.incompleteReason,
    completedAt: terminal.status === 'completed' ? Math.floor(context.now() / 1000) : undefined,
    echo: pickOpenAIResponsesEcho(options.request),
  });
}
