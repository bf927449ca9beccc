/**
 * Wire types of the Gemini API generateContent family, as documented in the Gemini API reference
 * (https://ai.google.dev/api/generate-content, .../api/caching#Content, .../api/tokens) and typed in
 * `@google/genai` (Part, Content, GenerateContentResponse, UsageMetadata). Only the fields the proxy reads
 * or writes are listed; the JSON always uses the camelCase proto names.
 */

export interface GeminiInlineData {
  mimeType: string;
  /** Base64 bytes (no data: prefix). */
  data: string;
}

export interface GeminiFileData {
  mimeType?: string;
  fileUri: string;
}

export interface GeminiFunctionCall {
  name: string;
  args?: Record<string, unknown>;
  /** Set by some Gemini models; when present the client should echo it on the functionResponse. */
  id?: string;
}

/** Multimodal function-response content (Gemini 3: `functionResponse.parts[].inlineData|fileData`). */
export interface GeminiFunctionResponsePart {
  inlineData?: GeminiInlineData;
  fileData?: GeminiFileData;
}

export interface GeminiFunctionResponse {
  name: string;
  response?: Record<string, unknown>;
  id?: string;
  parts?: GeminiFunctionResponsePart[];
}

export interface GeminiPart {
  text?: string;
  /** True on the model's thought summaries. */
  thought?: boolean;
  /** Opaque (base64) proof of the model's reasoning, to be replayed on the same part. */
  thoughtSignature?: string;
  inlineData?: GeminiInlineData;
  fileData?: GeminiFileData;
  functionCall?: GeminiFunctionCall;
  functionResponse?: GeminiFunctionResponse;
}

export type GeminiRole = 'user' | 'model';

export interface GeminiContent {
  role?: GeminiRole;
  parts: GeminiPart[];
}

export interface GeminiFunctionDeclaration {
  name: string;
  description?: string;
  /** OpenAPI-subset Schema (upper-case types). */
  parameters?: Record<string, unknown>;
  /** JSON Schema (the form this proxy sends upstream). */
  parametersJsonSchema?: unknown;
}

export interface GeminiTool {
  functionDeclarations?: GeminiFunctionDeclaration[];
  [builtIn: string]: unknown;
}

export type GeminiFunctionCallingMode = 'AUTO' | 'ANY' | 'NONE' | 'VALIDATED';

export interface GeminiToolConfig {
  functionCallingConfig?: { mode?: GeminiFunctionCallingMode; allowedFunctionNames?: string[] };
}

/** Thinking levels of Gemini 3 models (the `ThinkingLevel` enum of the API). */
export type GeminiThinkingLevel = 'MINIMAL' | 'LOW' | 'MEDIUM' | 'HIGH';

export interface GeminiThinkingConfig {
  thinkingBudget?: number;
  thinkingLevel?: GeminiThinkingLevel;
  includeThoughts?: boolean;
}

export interface GeminiGenerationConfig {
  temperature?: number;
  topP?: number;
  topK?: number;
  maxOutputTokens?: number;
  stopSequences?: string[];
  candidateCount?: number;
  seed?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  responseMimeType?: string;
  responseSchema?: Record<string, unknown>;
  responseJsonSchema?: unknown;
  thinkingConfig?: GeminiThinkingConfig;
}

export interface GeminiSafetySetting {
  category: string;
  threshold: string;
}

export interface GeminiGenerateContentRequest {
  contents: GeminiContent[];
  systemInstruction?: GeminiContent;
  tools?: GeminiTool[];
  toolConfig?: GeminiToolConfig;
  generationConfig?: GeminiGenerationConfig;
  safetySettings?: GeminiSafetySetting[];
}

export interface GeminiUsageMetadata {
  promptTokenCount?: number;
  candidatesTokenCount?: number;
  thoughtsTokenCount?: number;
  cachedContentTokenCount?: number;
  toolUsePromptTokenCount?: number;
  totalTokenCount?: number;
}

export interface GeminiCandidate {
  content?: GeminiContent;
  finishReason?: string;
  finishMessage?: string;
  index?: number;
}

export interface GeminiPromptFeedback {
  blockReason?: string;
  blockReasonMessage?: string;
}

export interface GeminiGenerateContentResponse {
  candidates?: GeminiCandidate[];
  promptFeedback?: GeminiPromptFeedback;
  usageMetadata?: GeminiUsageMetadata;
  modelVersion?: string;
  responseId?: string;
  /** RFC 3339 timestamp (Vertex AI sends it; the Gemini API usually does not). */
  createTime?: string;
}

/** Google's error envelope (https://cloud.google.com/apis/design/errors#http_mapping). */
export interface GeminiErrorBody {
  error: { code: number; message: string; status: string; details?: unknown[] };
}
