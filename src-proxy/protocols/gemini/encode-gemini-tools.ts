import type { CanonicalRequest, TranslationWarning } from '../../canonical/index';
import { cleanGeminiJsonSchema } from './clean-gemini-json-schema';
import type { GeminiToolNameMap } from './gemini-tool-names';
import type { GeminiFunctionDeclaration, GeminiTool, GeminiToolConfig } from './gemini-types';

/**
 * Canonical tools -> one `tools[{functionDeclarations}]` entry (https://ai.google.dev/api/caching#Tool):
 * names sanitised through the name map, schemas cleaned into Gemini's supported JSON Schema subset and
 * sent as `parametersJsonSchema`.
 */
export function encodeGeminiTools(request: CanonicalRequest, names: GeminiToolNameMap, warnings: TranslationWarning[]): GeminiTool[] | undefined {
  if (request.tools.length === 0) return undefined;
  const declarations = request.tools.map((tool, index): GeminiFunctionDeclaration => {
    if (tool.strict) warnings.push({ field: `tools[${index}].strict`, message: 'Gemini has no strict tool mode; dropped' });
    if (tool.cacheControl) warnings.push({ field: `tools[${index}].cacheControl`, message: 'Gemini has no prompt-cache hints; dropped' });
    return {
      name: names.toGemini(tool.name),
      ...(tool.description ? { description: tool.description } : {}),
      parametersJsonSchema: toolParameters(tool.inputSchema),
    };
  });
  return [{ functionDeclarations: declarations }];
}

function toolParameters(schema: Record<string, unknown>): Record<string, unknown> {
  const cleaned = cleanGeminiJsonSchema(schema);
  // Function parameters are an object; a schema without a type is one (clients send `{}` for "no args").
  if (cleaned['type'] === undefined) return { type: 'object', properties: {}, ...cleaned };
  return cleaned;
}

/**
 * Tool choice -> `toolConfig.functionCallingConfig` (https://ai.google.dev/api/caching#FunctionCallingConfig):
 * auto -> AUTO, none -> NONE, required -> ANY, a named tool -> ANY + allowedFunctionNames. The original
 * ignored tool_choice on the OpenAI path (docs/protocols.md#cpa-quirks-we-do-not-copy); every path maps it here.
 */
export function encodeGeminiToolConfig(request: CanonicalRequest, names: GeminiToolNameMap, warnings: TranslationWarning[]): GeminiToolConfig | undefined {
  if (request.parallelToolCalls === false) {
    warnings.push({ field: 'parallelToolCalls', message: 'Gemini cannot turn off parallel function calls; dropped' });
  }
  const choice = request.toolChoice;
  if (!choice) return undefined;
  switch (choice.type) {
    case 'auto':
      return { functionCallingConfig: { mode: 'AUTO' } };
    case 'none':
      return { functionCallingConfig: { mode: 'NONE' } };
    case 'required':
      return { functionCallingConfig: { mode: 'ANY' } };
    case 'tool':
      return { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [names.toGemini(choice.name)] } };
    default: {
      const unknownChoice: never = choice;
      throw new Error(`unknown tool choice ${JSON.stringify(unknownChoice)}`);
    }
  }
}
