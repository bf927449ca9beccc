import type { CanonicalRequest, Translated, TranslationContext, TranslationWarning } from '../../canonical/index';
import { ProxyError } from '../../errors/proxy-error';
import { openaiCompletionsInboundRequestSchema, type OpenAICompletionsInboundRequest } from './openai-completions-schemas';

/**
 * A legacy `/v1/completions` body -> canonical: the prompt becomes ONE user text message (the hub has
 * chat models behind it). Documented choices:
 * - no prompt / empty prompt: OpenAI generates "as if from the beginning of a new document"; the closest
 *   chat equivalent is a user message with empty text (upstreams that refuse empty text say so);
 * - several prompts (a batch in OpenAI) are joined with newlines into one prompt, with a warning;
 * - token-id prompts cannot be served without the model's tokenizer: 400;
 * - no `max_tokens` means the upstream's default, not OpenAI's 16.
 */
export function decodeOpenAICompletionsRequest(body: unknown, _context: TranslationContext): Translated<CanonicalRequest> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalid('The request body must be a JSON object.');
  }
  const parsed = openaiCompletionsInboundRequestSchema.safeParse(body);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.map(String).join('.') || '(body)'}: ${issue.message}`);
    const first = parsed.error.issues[0]?.path[0];
    throw invalid(`Invalid request: ${problems.join('; ')}`, typeof first === 'string' ? first : undefined);
  }
  const warnings: TranslationWarning[] = [];
  const request: CanonicalRequest = {
    model: parsed.data.model,
    system: [],
    messages: [{ role: 'user', content: [{ type: 'text', text: promptText(parsed.data.prompt, warnings) }] }],
    tools: [],
    stream: parsed.data.stream ?? false,
  };
  Object.assign(request, parameterFields(parsed.data));
  warnUnsupported(parsed.data, warnings);
  return { value: request, warnings };
}

function invalid(message: string, param?: string): ProxyError {
  return new ProxyError({ code: 'PX_INVALID_REQUEST', httpStatus: 400, message, ...(param ? { details: { param } } : {}) });
}

function promptText(prompt: OpenAICompletionsInboundRequest['prompt'], warnings: TranslationWarning[]): string {
  if (prompt == null) return '';
  if (typeof prompt === 'string') return prompt;
  if (prompt.some((item) => typeof item !== 'string')) {
    throw invalid('Invalid request: prompt: token-id prompts are not supported by this proxy; send the prompt as text.', 'prompt');
  }
  const texts = prompt as string[];
  if (texts.length > 1) warnings.push({ field: 'prompt', message: `${texts.length} prompts were joined into one; batched prompts are not supported` });
  return texts.join('\n');
}

function parameterFields(body: OpenAICompletionsInboundRequest): Partial<CanonicalRequest> {
  const fields: Partial<CanonicalRequest> = {};
  if (body.max_tokens != null) fields.maxOutputTokens = body.max_tokens;
  if (body.temperature != null) fields.temperature = body.temperature;
  if (body.top_p != null) fields.topP = body.top_p;
  if (body.n != null) fields.candidateCount = body.n;
  if (body.stop != null) fields.stopSequences = typeof body.stop === 'string' ? [body.stop] : body.stop;
  if (body.presence_penalty != null) fields.presencePenalty = body.presence_penalty;
  if (body.frequency_penalty != null) fields.frequencyPenalty = body.frequency_penalty;
  if (body.seed != null) fields.seed = body.seed;
  if (body.stream_options?.include_usage != null) fields.includeUsage = body.stream_options.include_usage;
  if (body.user != null) fields.user = body.user;
  return fields;
}

/** Completions-only features with no chat equivalent. */
function warnUnsupported(body: OpenAICompletionsInboundRequest, warnings: TranslationWarning[]): void {
  if (body.suffix) warnings.push({ field: 'suffix', message: 'insertion (suffix) is not supported and was dropped' });
  if (body.echo) warnings.push({ field: 'echo', message: 'echo is not supported; the prompt is not repeated in the answer' });
  if (body.logprobs != null) warnings.push({ field: 'logprobs', message: 'logprobs are not supported and were dropped' });
  if (body.best_of != null && body.best_of > 1) warnings.push({ field: 'best_of', message: 'best_of is not supported and was dropped' });
  if (body.logit_bias != null) warnings.push({ field: 'logit_bias', message: 'logit_bias is not supported and was dropped' });
}
