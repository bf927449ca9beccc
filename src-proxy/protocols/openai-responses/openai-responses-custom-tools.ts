import type { CanonicalTool } from '../../canonical/index';
import { clientToolName, type NamespacedToolNames } from './openai-responses-namespace-tools';
import type { ResponsesCustomToolCallItem, ResponsesFunctionCallItem, ResponsesItemStatus } from './openai-responses-types';

/**
 * Custom tools (platform.openai.com/docs/guides/function-calling#custom-tools) take free text instead of
 * JSON arguments; Codex CLI declares `apply_patch` this way. The hub only knows JSON tools, so a custom
 * tool travels as a function tool with one string property `input`, and its calls as arguments
 * `{"input": "<text>"}`. The client-facing encoders turn calls of those names back into
 * `custom_tool_call` items when given `customToolNames` (from `customToolNamesOf(clientBody)`).
 */
export const CUSTOM_TOOL_INPUT_SCHEMA: Record<string, unknown> = {
  type: 'object',
  properties: { input: { type: 'string', description: 'The raw text input of this tool.' } },
  required: ['input'],
  additionalProperties: false,
};

export function customToolAsCanonical(name: string, description: string | undefined, format: unknown): CanonicalTool {
  const grammar = grammarText(format);
  const text = [description, grammar].filter(Boolean).join('\n\n');
  return { name, inputSchema: CUSTOM_TOOL_INPUT_SCHEMA, ...(text ? { description: text } : {}) };
}

/** A grammar constraint cannot be enforced by other vendors; it is described to the model instead. */
function grammarText(format: unknown): string | undefined {
  if (typeof format !== 'object' || format === null) return undefined;
  const { type, syntax, definition } = format as Record<string, unknown>;
  if (type !== 'grammar' || typeof definition !== 'string') return undefined;
  const label = typeof syntax === 'string' ? `${syntax} ` : '';
  return `The input must follow this ${label}grammar:\n${definition}`;
}

export function customCallArguments(input: string): string {
  return JSON.stringify({ input });
}

/** The text of a custom call: `input` of JSON arguments, or the arguments as they are when not JSON. */
export function customCallInput(args: string): string {
  try {
    const parsed: unknown = JSON.parse(args);
    if (typeof parsed === 'object' && parsed !== null && typeof (parsed as { input?: unknown }).input === 'string') return (parsed as { input: string }).input;
  } catch {
    // not JSON: the model already produced raw text
  }
  return args;
}

/** Names of the custom tools of a client's Responses request body. */
export function customToolNamesOf(body: unknown): Set<string> {
  const tools = typeof body === 'object' && body !== null ? (body as { tools?: unknown }).tools : undefined;
  const names = new Set<string>();
  if (!Array.isArray(tools)) return names;
  for (const tool of tools as unknown[]) {
    if (typeof tool !== 'object' || tool === null) continue;
    const { type, name } = tool as Record<string, unknown>;
    if (type === 'custom' && typeof name === 'string') names.add(name);
  }
  return names;
}

/**
 * What the client-facing encoders know about the client's own tools (from its request body): custom
 * tools (`customToolNamesOf`) and namespaced function tools (`namespacedToolNamesOf`).
 */
export interface ClientToolNames {
  customToolNames?: ReadonlySet<string> | undefined;
  namespacedToolNames?: NamespacedToolNames | undefined;
}

/**
 * A function_call item, a custom_tool_call item when `name` is a custom tool of the client, or a
 * function_call naming the inner tool and its `namespace` when `name` is a flattened namespaced tool.
 */
export function toolCallItem(
  ids: { itemId: string; callId: string },
  name: string,
  args: string,
  status: ResponsesItemStatus,
  tools: ClientToolNames | undefined,
): ResponsesFunctionCallItem | ResponsesCustomToolCallItem {
  if (tools?.customToolNames?.has(name)) return { id: ids.itemId, type: 'custom_tool_call', status, call_id: ids.callId, name, input: customCallInput(args) };
  const item: ResponsesFunctionCallItem = { id: ids.itemId, type: 'function_call', status, arguments: args, call_id: ids.callId, name: clientToolName(tools?.namespacedToolNames, name) };
  const namespace = tools?.namespacedToolNames?.toClient.get(name)?.namespace;
  if (namespace !== undefined) item.namespace = namespace;
  return item;
}
