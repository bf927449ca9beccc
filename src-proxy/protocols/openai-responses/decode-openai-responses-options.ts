import type { CanonicalTool, ReasoningConfig, ResponseFormat, ToolChoice } from '../../canonical/index';
import { parseReasoningEffort } from '../../translation/reasoning-levels';
import { warn, type DecodeSink } from './decode-openai-responses-content';
import { parseAt, type IssuePath } from '../../translation/request-issues';
import { namespacedToolName, type NamespacedToolNames } from './openai-responses-namespace-tools';
import { customToolAsCanonical } from './openai-responses-custom-tools';
import {
  responsesCustomToolSchema,
  responsesFunctionToolSchema,
  responsesNamespaceToolSchema,
  responsesTextFormatSchema,
  type ResponsesRequestBody,
} from './openai-responses-schemas';

/**
 * `tools` (platform.openai.com/docs/api-reference/responses/create#tools): function tools map to
 * canonical tools; built-in tools (web_search, file_search, computer_use, code_interpreter, image
 * generation, mcp, local_shell...) run on OpenAI's side or need grammars and have no canonical
 * form, so they are dropped with a warning. Custom (free-text) tools become function tools with one
 * string property `input` (openai-responses-custom-tools.ts). A namespace tool is a group of client-side
 * function tools: each member becomes a canonical tool under its flat name (openai-responses-namespace-tools.ts).
 */
export function decodeOpenAIResponsesTools(tools: ResponsesRequestBody['tools'], sink: DecodeSink, names: NamespacedToolNames): CanonicalTool[] {
  const result: CanonicalTool[] = [];
  (tools ?? []).forEach((tool, index) => {
    const path = ['tools', index];
    if (tool.type === 'custom') {
      const custom = parseAt(responsesCustomToolSchema, tool, path, sink.issues);
      if (custom?.format != null && custom.format.type !== 'text') warn(sink, [...path, 'format'], 'the input grammar cannot be enforced by other vendors; it is given to the model in the description');
      if (custom) result.push(customToolAsCanonical(custom.name, custom.description ?? undefined, custom.format));
      return;
    }
    if (tool.type === 'namespace') {
      result.push(...decodeNamespaceTool(tool, path, sink, names));
      return;
    }
    if (tool.type !== 'function') {
      warn(sink, path, `built-in tool '${tool.type}' cannot be served through the proxy; dropped`);
      return;
    }
    const decoded = decodeFunctionTool(tool, path, sink);
    if (decoded) result.push(decoded);
  });
  return result;
}

function decodeFunctionTool(tool: unknown, path: IssuePath, sink: DecodeSink, name?: string): CanonicalTool | undefined {
  const parsed = parseAt(responsesFunctionToolSchema, tool, path, sink.issues);
  if (!parsed) return undefined;
  // The Responses API accepts a null/absent schema; canonical tools always have an object schema.
  const decoded: CanonicalTool = { name: name ?? parsed.name, inputSchema: parsed.parameters ?? { type: 'object', properties: {} } };
  if (parsed.description) decoded.description = parsed.description;
  if (parsed.strict != null) decoded.strict = parsed.strict;
  return decoded;
}

/**
 * `{type: "namespace", name, description, tools}` -> its function members as canonical tools named
 * `<namespace>__<name>` (or the request's collision-free variant). The namespace description has no
 * canonical slot (the flat name carries the namespace): dropped with a warning.
 */
function decodeNamespaceTool(tool: unknown, path: IssuePath, sink: DecodeSink, names: NamespacedToolNames): CanonicalTool[] {
  const namespace = parseAt(responsesNamespaceToolSchema, tool, path, sink.issues);
  if (!namespace) return [];
  if (namespace.description) warn(sink, [...path, 'description'], 'namespace descriptions have no canonical form; the tools keep their own descriptions and the namespace is in their names');
  return namespace.tools.flatMap((member, index) => {
    const memberPath = [...path, 'tools', index];
    if (member.type !== 'function') {
      warn(sink, memberPath, `tool '${member.type}' inside a namespace has no canonical form; dropped`);
      return [];
    }
    const inner = typeof member['name'] === 'string' ? member['name'] : '';
    return decodeFunctionTool(member, memberPath, sink, namespacedToolName(names, namespace.name, inner)) ?? [];
  });
}

export function decodeOpenAIResponsesToolChoice(choice: ResponsesRequestBody['tool_choice'], sink: DecodeSink, names: NamespacedToolNames): ToolChoice | undefined {
  if (choice == null) return undefined;
  if (typeof choice === 'string') return { type: choice };
  if (choice.type === 'function' || choice.type === 'custom') {
    if (!choice.name) {
      sink.issues.push({ path: ['tool_choice', 'name'], message: `name is required for a ${choice.type} tool choice` });
      return undefined;
    }
    return { type: 'tool', name: choice.namespace ? namespacedToolName(names, choice.namespace, choice.name) : choice.name };
  }
  if (choice.type === 'allowed_tools') {
    warn(sink, ['tool_choice', 'tools'], 'the allowed_tools restriction has no canonical form; all tools stay allowed');
    return { type: choice.mode === 'required' ? 'required' : 'auto' };
  }
  warn(sink, ['tool_choice'], `tool choice '${choice.type}' names a built-in tool; dropped`);
  return undefined;
}

const summaryModes = new Set(['auto', 'concise', 'detailed']);

/** `reasoning.effort` -> effort; `reasoning.summary` auto|concise|detailed -> includeThoughts (docs/protocols.md#reasoning-visibility). */
export function decodeOpenAIResponsesReasoning(reasoning: ResponsesRequestBody['reasoning'], sink: DecodeSink): ReasoningConfig | undefined {
  if (reasoning == null) return undefined;
  const config: ReasoningConfig = {};
  if (reasoning.effort != null) {
    const effort = parseReasoningEffort(reasoning.effort);
    if (effort) config.effort = effort;
    else sink.issues.push({ path: ['reasoning', 'effort'], message: 'effort must be none, minimal, low, medium, high or xhigh' });
  }
  const summary = reasoning.summary ?? reasoning.generate_summary;
  if (summary != null) {
    if (summaryModes.has(summary)) config.includeThoughts = true;
    else if (summary === 'none') config.includeThoughts = false;
    else sink.issues.push({ path: ['reasoning', 'summary'], message: 'summary must be auto, concise or detailed' });
    if (summary === 'concise' || summary === 'detailed') warn(sink, ['reasoning', 'summary'], `summary detail '${summary}' is sent as 'auto'`);
  }
  return config.effort !== undefined || config.includeThoughts !== undefined ? config : undefined;
}

/** `text.format` (platform.openai.com/docs/guides/structured-outputs) -> canonical response format. */
export function decodeOpenAIResponsesTextFormat(text: ResponsesRequestBody['text'], sink: DecodeSink): ResponseFormat | undefined {
  if (text?.verbosity != null) warn(sink, ['text', 'verbosity'], 'text.verbosity has no canonical form; dropped');
  if (text?.format == null) return undefined;
  const format = parseAt(responsesTextFormatSchema, text.format, ['text', 'format'], sink.issues);
  if (!format) return undefined;
  if (format.type === 'text') return { type: 'text' };
  if (format.type === 'json_object') return { type: 'json' };
  const decoded: ResponseFormat = { type: 'json-schema', schema: format.schema };
  if (format.name) decoded.name = format.name;
  if (format.description) decoded.description = format.description;
  if (format.strict != null) decoded.strict = format.strict;
  return decoded;
}

/**
 * Fields that only mean something to OpenAI's stateful service. store, include, prompt_cache_key,
 * metadata, service_tier, truncation and safety_identifier are silently wire-only; the ones below
 * change what the model sees or returns, so losing them is worth a warning.
 */
export function warnStatefulFields(body: ResponsesRequestBody, sink: DecodeSink): void {
  if (body.previous_response_id) warn(sink, ['previous_response_id'], 'the proxy is stateless: earlier turns of previous_response_id are not included; send the full input');
  if (body.conversation != null) warn(sink, ['conversation'], 'the proxy is stateless: conversation items are not included; send the full input');
  if (body.background === true) warn(sink, ['background'], 'background responses are not supported; answered in the foreground');
  if (body['prompt'] != null) warn(sink, ['prompt'], 'stored prompt templates cannot be resolved by the proxy; dropped');
  if (body['max_tool_calls'] != null) warn(sink, ['max_tool_calls'], 'max_tool_calls has no canonical form; dropped');
  if (body['top_logprobs'] != null) warn(sink, ['top_logprobs'], 'top_logprobs has no canonical form; dropped');
}
