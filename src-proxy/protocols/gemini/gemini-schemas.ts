import { z } from 'zod';

/**
 * Zod schemas of the Gemini wire (https://ai.google.dev/api/generate-content). Inbound client requests
 * are strict on the types of the fields the proxy reads and loose about everything else; upstream
 * responses are tolerant (a malformed field is dropped, never a reason to fail the exchange).
 * Inputs are camelCased first (`camelizeGeminiKeys`), so the schemas only name the camelCase fields.
 */

const jsonObject = z.record(z.string(), z.unknown());
const upperCase = (value: unknown): unknown => (typeof value === 'string' ? value.toUpperCase() : value);

const inlineData = z.looseObject({ mimeType: z.string(), data: z.string() });
const fileData = z.looseObject({ mimeType: z.string().nullish(), fileUri: z.string() });

const functionResponsePart = z.looseObject({ inlineData: inlineData.nullish(), fileData: fileData.nullish() });

export const geminiPartSchema = z.looseObject({
  text: z.string().nullish(),
  thought: z.boolean().nullish(),
  thoughtSignature: z.string().nullish(),
  inlineData: inlineData.nullish(),
  fileData: fileData.nullish(),
  functionCall: z.looseObject({ name: z.string(), args: jsonObject.nullish(), id: z.string().nullish() }).nullish(),
  functionResponse: z
    .looseObject({ name: z.string(), response: jsonObject.nullish(), id: z.string().nullish(), parts: z.array(functionResponsePart).nullish() })
    .nullish(),
});

export const geminiContentSchema = z.looseObject({
  role: z.string().nullish(),
  parts: z.array(geminiPartSchema),
});

const functionDeclaration = z.looseObject({
  name: z.string().min(1, 'function name is required'),
  description: z.string().nullish(),
  parameters: jsonObject.nullish(),
  parametersJsonSchema: z.unknown().optional(),
});

const functionCallingConfig = z.looseObject({
  mode: z.preprocess(upperCase, z.enum(['MODE_UNSPECIFIED', 'AUTO', 'ANY', 'NONE', 'VALIDATED'])).nullish(),
  allowedFunctionNames: z.array(z.string()).nullish(),
});

const thinkingConfig = z.looseObject({
  thinkingBudget: z.number().int().min(-1).nullish(),
  thinkingLevel: z.preprocess(upperCase, z.enum(['THINKING_LEVEL_UNSPECIFIED', 'MINIMAL', 'LOW', 'MEDIUM', 'HIGH'])).nullish(),
  includeThoughts: z.boolean().nullish(),
});

export const geminiGenerationConfigSchema = z.looseObject({
  temperature: z.number().nullish(),
  topP: z.number().nullish(),
  topK: z.number().nullish(),
  maxOutputTokens: z.number().int().nonnegative().nullish(),
  stopSequences: z.array(z.string()).nullish(),
  candidateCount: z.number().int().positive().nullish(),
  seed: z.number().int().nullish(),
  presencePenalty: z.number().nullish(),
  frequencyPenalty: z.number().nullish(),
  responseMimeType: z.string().nullish(),
  responseSchema: jsonObject.nullish(),
  responseJsonSchema: z.unknown().optional(),
  thinkingConfig: thinkingConfig.nullish(),
});

export const geminiRequestSchema = z.looseObject({
  contents: z.array(geminiContentSchema).min(1, 'contents must contain at least one content'),
  systemInstruction: geminiContentSchema.nullish(),
  tools: z.array(z.looseObject({ functionDeclarations: z.array(functionDeclaration).nullish() })).nullish(),
  toolConfig: z.looseObject({ functionCallingConfig: functionCallingConfig.nullish() }).nullish(),
  generationConfig: geminiGenerationConfigSchema.nullish(),
  safetySettings: z.array(z.looseObject({ category: z.string(), threshold: z.string() })).nullish(),
});

export type GeminiRequestInput = z.infer<typeof geminiRequestSchema>;
export type GeminiContentInput = z.infer<typeof geminiContentSchema>;
export type GeminiPartInput = z.infer<typeof geminiPartSchema>;
export type GeminiGenerationConfigInput = z.infer<typeof geminiGenerationConfigSchema>;

// ---- upstream responses: every field optional and `.catch`ed, so one odd field never fails a reply ----

const tolerantString = z.string().optional().catch(undefined);
const tolerantNumber = z.number().optional().catch(undefined);

const upstreamPart = z.looseObject({
  text: tolerantString,
  thought: z.boolean().optional().catch(undefined),
  thoughtSignature: tolerantString,
  inlineData: z.looseObject({ mimeType: z.string().catch('application/octet-stream'), data: z.string() }).optional().catch(undefined),
  functionCall: z
    .looseObject({ name: z.string().catch(''), args: jsonObject.optional().catch(undefined), id: tolerantString })
    .optional()
    .catch(undefined),
});

export const geminiUsageSchema = z.looseObject({
  promptTokenCount: tolerantNumber,
  candidatesTokenCount: tolerantNumber,
  thoughtsTokenCount: tolerantNumber,
  cachedContentTokenCount: tolerantNumber,
  toolUsePromptTokenCount: tolerantNumber,
  totalTokenCount: tolerantNumber,
});

export const geminiUpstreamResponseSchema = z.looseObject({
  candidates: z
    .array(
      z.looseObject({
        content: z.looseObject({ role: tolerantString, parts: z.array(upstreamPart).catch([]) }).optional().catch(undefined),
        finishReason: tolerantString,
        finishMessage: tolerantString,
      }),
    )
    .optional()
    .catch(undefined),
  promptFeedback: z.looseObject({ blockReason: tolerantString, blockReasonMessage: tolerantString }).optional().catch(undefined),
  usageMetadata: geminiUsageSchema.optional().catch(undefined),
  modelVersion: tolerantString,
  responseId: tolerantString,
  createTime: tolerantString,
  error: z.looseObject({ code: tolerantNumber, message: tolerantString, status: tolerantString }).optional().catch(undefined),
});

export type GeminiUpstreamResponse = z.infer<typeof geminiUpstreamResponseSchema>;
export type GeminiUpstreamPart = z.infer<typeof upstreamPart>;
export type GeminiUsageInput = z.infer<typeof geminiUsageSchema>;
