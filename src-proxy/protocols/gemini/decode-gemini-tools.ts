import type { CanonicalTool, ToolChoice, TranslationWarning } from '../../canonical/index';
import { convertGeminiSchema } from './convert-gemini-schema';
import type { GeminiRequestInput } from './gemini-schemas';

type ToolsInput = NonNullable<GeminiRequestInput['tools']>;
type ToolConfigInput = NonNullable<GeminiRequestInput['toolConfig']>;

/**
 * `tools[].functionDeclarations[]` -> canonical tools (https://ai.google.dev/api/caching#FunctionDeclaration).
 * `parametersJsonSchema` is JSON Schema already; `parameters` is Gemini's Schema and is converted.
 * Built-in tools (googleSearch, codeExecution, urlContext...) have no canonical form and are dropped.
 */
export function decodeGeminiTools(tools: ToolsInput, warnings: TranslationWarning[]): CanonicalTool[] {
  const decoded: CanonicalTool[] = [];
  tools.forEach((tool, toolIndex) => {
    for (const key of Object.keys(tool)) {
      if (key !== 'functionDeclarations') warnings.push({ field: `tools[${toolIndex}].${key}`, message: 'built-in Gemini tool has no canonical form; dropped' });
    }
    for (const declaration of tool.functionDeclarations ?? []) {
      const jsonSchema = declaration.parametersJsonSchema;
      const inputSchema =
        typeof jsonSchema === 'object' && jsonSchema !== null && !Array.isArray(jsonSchema)
          ? (jsonSchema as Record<string, unknown>)
          : declaration.parameters
            ? convertGeminiSchema(declaration.parameters)
            : { type: 'object', properties: {} };
      decoded.push({
        name: declaration.name,
        ...(declaration.description ? { description: declaration.description } : {}),
        inputSchema,
      });
    }
  });
  return decoded;
}

/**
 * `toolConfig.functionCallingConfig` -> tool choice: AUTO -> auto, NONE -> none, ANY -> required, ANY with
 * exactly one allowed name -> that tool. ANY with several names keeps only "required".
 */
export function decodeGeminiToolConfig(toolConfig: ToolConfigInput, warnings: TranslationWarning[]): ToolChoice | undefined {
  const config = toolConfig.functionCallingConfig;
  if (!config?.mode || config.mode === 'MODE_UNSPECIFIED') return undefined;
  const allowed = config.allowedFunctionNames ?? [];
  switch (config.mode) {
    case 'AUTO':
      return { type: 'auto' };
    case 'NONE':
      return { type: 'none' };
    case 'VALIDATED':
      warnings.push({ field: 'toolConfig.functionCallingConfig.mode', message: 'VALIDATED mode is sent as auto' });
      return { type: 'auto' };
    case 'ANY': {
      const only = allowed.length === 1 ? allowed[0] : undefined;
      if (only !== undefined) return { type: 'tool', name: only };
      if (allowed.length > 1) {
        warnings.push({ field: 'toolConfig.functionCallingConfig.allowedFunctionNames', message: 'a set of allowed functions has no canonical form; any tool may be called' });
      }
      return { type: 'required' };
    }
    default: {
      const unknownMode: never = config.mode;
      throw new Error(`unknown function calling mode ${String(unknownMode)}`);
    }
  }
}
