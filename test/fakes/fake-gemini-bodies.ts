/**
 * Pure builders of Gemini API wire bodies for the fake Gemini upstream. Shapes follow the Gemini API
 * reference (https://ai.google.dev/api/generate-content, .../api/tokens, .../api/models) and what
 * generativelanguage.googleapis.com sends: usage on every stream chunk, `finishReason` and the final
 * counts on the last one, a function call whole in one part with a thoughtSignature.
 */
import { estimateTokens, isRecord } from './fake-openai-bodies';

export type GeminiReply = { kind: 'text'; text: string } | { kind: 'function-call'; name: string; args: Record<string, unknown> };

export interface GeminiPlan {
  model: string;
  responseId: string;
  reply: GeminiReply;
  /** Thought summary sent before the answer (only when asked for). */
  thought: string | undefined;
  /** Answer pieces for the stream form. */
  pieces: string[];
  /** Sign the last text part (Gemini 2.5/3 thinking models do). */
  textSignature?: boolean;
  promptTokens: number;
}

export const fakeGeminiModels = ['gemini-2.5-flash', 'gemini-2.5-pro', 'gemini-3-pro-preview'];

/** Deterministic, valid base64, like a real signature. */
export function fakeThoughtSignature(responseId: string): string {
  return Buffer.from(`fake-thought-signature:${responseId}`).toString('base64');
}

export function buildGeminiUsage(plan: GeminiPlan, final: boolean): Record<string, unknown> {
  const usage: Record<string, unknown> = { promptTokenCount: plan.promptTokens };
  if (!final) return { ...usage, totalTokenCount: plan.promptTokens, promptTokensDetails: [{ modality: 'TEXT', tokenCount: plan.promptTokens }] };
  const candidates = plan.reply.kind === 'text' ? estimateTokens(plan.reply.text) : estimateTokens(JSON.stringify(plan.reply.args)) + 5;
  const thoughts = plan.thought ? estimateTokens(plan.thought) : 0;
  return {
    ...usage,
    candidatesTokenCount: candidates,
    totalTokenCount: plan.promptTokens + candidates + thoughts,
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: plan.promptTokens }],
    ...(thoughts > 0 ? { thoughtsTokenCount: thoughts } : {}),
  };
}

function replyParts(plan: GeminiPlan): Array<Record<string, unknown>> {
  if (plan.reply.kind === 'function-call') {
    return [{ functionCall: { name: plan.reply.name, args: plan.reply.args }, thoughtSignature: fakeThoughtSignature(plan.responseId) }];
  }
  return [textPart(plan, plan.reply.text, true)];
}

function textPart(plan: GeminiPlan, text: string, last: boolean): Record<string, unknown> {
  return plan.textSignature && last ? { text, thoughtSignature: fakeThoughtSignature(plan.responseId) } : { text };
}

function responseEnvelope(plan: GeminiPlan, parts: unknown[], final: boolean): Record<string, unknown> {
  const candidate: Record<string, unknown> = { content: { parts, role: 'model' } };
  if (final) candidate['finishReason'] = 'STOP';
  candidate['index'] = 0;
  return { candidates: [candidate], usageMetadata: buildGeminiUsage(plan, final), modelVersion: plan.model, responseId: plan.responseId };
}

export function buildGenerateContentBody(plan: GeminiPlan): Record<string, unknown> {
  const thought = plan.thought ? [{ text: plan.thought, thought: true }] : [];
  return responseEnvelope(plan, [...thought, ...replyParts(plan)], true);
}

/** Every chunk of `streamGenerateContent`, in order. */
export function buildStreamChunks(plan: GeminiPlan): Array<Record<string, unknown>> {
  const chunks: Array<Record<string, unknown>> = [];
  if (plan.thought) chunks.push(responseEnvelope(plan, [{ text: plan.thought, thought: true }], false));
  if (plan.reply.kind === 'function-call') {
    chunks.push(responseEnvelope(plan, replyParts(plan), true));
    return chunks;
  }
  plan.pieces.forEach((piece, index) => {
    const last = index === plan.pieces.length - 1;
    chunks.push(responseEnvelope(plan, [textPart(plan, piece, last)], last));
  });
  return chunks;
}

export function buildCountTokensBody(totalTokens: number): Record<string, unknown> {
  return { totalTokens, promptTokensDetails: [{ modality: 'TEXT', tokenCount: totalTokens }] };
}

export function buildGeminiModelList(): Record<string, unknown> {
  return {
    models: fakeGeminiModels.map((id) => ({
      name: `models/${id}`,
      version: '001',
      displayName: id,
      inputTokenLimit: 1048576,
      outputTokenLimit: 65536,
      supportedGenerationMethods: ['generateContent', 'countTokens', 'createCachedContent', 'batchGenerateContent'],
      thinking: true,
    })),
  };
}

const statusNames: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

/** Google's error envelope; a 429 carries QuotaFailure and RetryInfo details as the Gemini API sends them. */
export function buildGeminiErrorBody(status: number, message?: string, retryDelaySeconds = 30): Record<string, unknown> {
  const error: Record<string, unknown> = {
    code: status,
    message: message ?? defaultMessage(status),
    status: statusNames[status] ?? (status >= 500 ? 'INTERNAL' : 'FAILED_PRECONDITION'),
  };
  if (status === 429) {
    error['details'] = [
      { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests', quotaId: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier' }] },
      { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${retryDelaySeconds}s` },
    ];
  }
  return { error };
}

function defaultMessage(status: number): string {
  if (status === 429) return 'You exceeded your current quota, please check your plan and billing details.';
  if (status === 503) return 'The model is overloaded. Please try again later.';
  if (status === 400) return 'API key not valid. Please pass a valid API key.';
  return `Fake Gemini upstream error ${status}`;
}

/** Rough prompt size: the JSON of contents and systemInstruction (deterministic, for assertions). */
export function estimateGeminiPromptTokens(body: unknown): number {
  if (!isRecord(body)) return 0;
  const inner = isRecord(body['generateContentRequest']) ? body['generateContentRequest'] : body;
  return estimateTokens(JSON.stringify(inner['contents'] ?? '') + JSON.stringify(inner['systemInstruction'] ?? ''));
}

/**
 * The reply a real model would plausibly give: a call of the first declared function when the last user
 * text mentions the weather and tools are declared, text otherwise.
 */
export function chooseReply(body: unknown, text: string): GeminiReply {
  const declaration = firstFunctionDeclaration(body);
  if (declaration && /weather/i.test(lastUserText(body))) return { kind: 'function-call', name: declaration.name, args: fakeArguments(declaration.schema) };
  return { kind: 'text', text };
}

function firstFunctionDeclaration(body: unknown): { name: string; schema: unknown } | undefined {
  const tools = isRecord(body) && Array.isArray(body['tools']) ? body['tools'] : [];
  for (const tool of tools) {
    const declarations = isRecord(tool) ? (tool['functionDeclarations'] ?? tool['function_declarations']) : undefined;
    const first: unknown = Array.isArray(declarations) ? declarations[0] : undefined;
    if (isRecord(first) && typeof first['name'] === 'string') return { name: first['name'], schema: first['parametersJsonSchema'] ?? first['parameters'] };
  }
  return undefined;
}

function lastUserText(body: unknown): string {
  const contents = isRecord(body) && Array.isArray(body['contents']) ? body['contents'] : [];
  for (let index = contents.length - 1; index >= 0; index -= 1) {
    const content: unknown = contents[index];
    if (!isRecord(content) || content['role'] === 'model' || !Array.isArray(content['parts'])) continue;
    const texts = content['parts'].map((part: unknown) => (isRecord(part) && typeof part['text'] === 'string' ? part['text'] : ''));
    if (texts.join('') !== '') return texts.join(' ');
  }
  return '';
}

/** Required string properties get 'Paris', so a weather tool gets a plausible city. */
function fakeArguments(schema: unknown): Record<string, unknown> {
  if (!isRecord(schema) || !isRecord(schema['properties']) || !Array.isArray(schema['required'])) return {};
  const properties = schema['properties'];
  const args: Record<string, unknown> = {};
  for (const name of schema['required']) {
    const property = typeof name === 'string' ? properties[name] : undefined;
    if (isRecord(property) && typeof property['type'] === 'string' && property['type'].toLowerCase() === 'string') args[name as string] = 'Paris';
  }
  return args;
}
