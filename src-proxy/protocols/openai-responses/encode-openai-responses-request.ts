import type { CanonicalRequest, Translated, TranslationContext, TranslationWarning } from '../../canonical/index';
import { developerMessage, encodeOpenAIResponsesInput, type EncodeState } from './encode-openai-responses-input';
import {
  encodeOpenAIResponsesReasoning,
  encodeOpenAIResponsesTextFormat,
  encodeOpenAIResponsesToolChoice,
  encodeOpenAIResponsesTools,
  warnUnsupportedFields,
} from './encode-openai-responses-options';
import { shortenToolNames, toolNamesOf } from './openai-responses-names';

export interface EncodeOpenAIResponsesRequestOptions {
  /**
   * The ChatGPT Codex backend (chatgpt.com/backend-api/codex): it rejects custom `instructions` and the
   * sampling/limit parameters (docs/protocols.md#to-openai-responses-and-codex), so system text goes in as a leading developer message
   * with `instructions: ""`, and max_output_tokens, temperature, top_p and user are dropped.
   */
  codexBackend?: boolean;
}

const ENCRYPTED_REASONING = 'reasoning.encrypted_content';

/**
 * Canonical request -> the JSON body for a Responses upstream (api.openai.com/v1/responses or a Codex
 * endpoint). Stateless by design: `store: false`, the whole conversation in `input`, and
 * `include: ["reasoning.encrypted_content"]` whenever reasoning is involved, so reasoning comes back
 * signed and can be replayed next turn. Tool names over 64 characters and call ids over 64 characters
 * are shortened (openai-responses-names.ts); pass `buildOpenAIResponsesRestore(request)` to the
 * response/stream decoders to get the client's names back.
 */
export function encodeOpenAIResponsesRequest(
  request: CanonicalRequest,
  context: TranslationContext,
  options: EncodeOpenAIResponsesRequestOptions = {},
): Translated<Record<string, unknown>> {
  void context;
  const warnings: TranslationWarning[] = [];
  const state: EncodeState = { warnings, names: shortenToolNames(toolNamesOf(request)) };
  const body: Record<string, unknown> = { model: request.model };
  const input = encodeOpenAIResponsesInput(request.messages, state);
  if (options.codexBackend) {
    body['instructions'] = '';
    if (request.system.length > 0) input.unshift(developerMessage(request.system, 'system', state));
  } else if (request.system.length > 0) {
    if (request.system.some((part) => part.cacheControl)) warnings.push({ field: 'system', message: 'Responses has no cache_control; dropped' });
    body['instructions'] = request.system.map((part) => part.text).join('\n\n');
  }
  body['input'] = input;
  encodeToolFields(request, state, body);
  encodeReasoningFields(request, input, warnings, body);
  if (request.responseFormat) body['text'] = { format: encodeOpenAIResponsesTextFormat(request.responseFormat) };
  encodeSamplingFields(request, options, warnings, body);
  body['store'] = false;
  body['stream'] = request.stream;
  warnUnsupportedFields(request, warnings);
  return { value: body, warnings };
}

function encodeToolFields(request: CanonicalRequest, state: EncodeState, body: Record<string, unknown>): void {
  if (request.tools.length > 0) body['tools'] = encodeOpenAIResponsesTools(request.tools, state);
  if (request.toolChoice) body['tool_choice'] = encodeOpenAIResponsesToolChoice(request.toolChoice, state);
  if (request.parallelToolCalls !== undefined) body['parallel_tool_calls'] = request.parallelToolCalls;
}

function encodeReasoningFields(request: CanonicalRequest, input: readonly Record<string, unknown>[], warnings: TranslationWarning[], body: Record<string, unknown>): void {
  const reasoning = request.reasoning ? encodeOpenAIResponsesReasoning(request.reasoning, warnings) : undefined;
  if (reasoning) body['reasoning'] = reasoning;
  const replaysReasoning = input.some((item) => item['type'] === 'reasoning');
  // Asking a non-reasoning model for encrypted reasoning is an error, so only when reasoning is in play.
  if ((reasoning && reasoning['effort'] !== 'none') || replaysReasoning) body['include'] = [ENCRYPTED_REASONING];
}

function encodeSamplingFields(
  request: CanonicalRequest,
  options: EncodeOpenAIResponsesRequestOptions,
  warnings: TranslationWarning[],
  body: Record<string, unknown>,
): void {
  const fields: Array<[string, keyof CanonicalRequest, unknown]> = [
    ['max_output_tokens', 'maxOutputTokens', request.maxOutputTokens],
    ['temperature', 'temperature', request.temperature],
    ['top_p', 'topP', request.topP],
    ['user', 'user', request.user],
  ];
  for (const [wireName, field, value] of fields) {
    if (value === undefined) continue;
    if (options.codexBackend) warnings.push({ field, message: `the Codex backend rejects ${wireName}; dropped` });
    else body[wireName] = value;
  }
}
