import { z } from 'zod';

/**
 * Inbound `POST /v1/completions` body (platform.openai.com/docs/api-reference/completions/create). The
 * fields the decoder reads must have their documented types; unknown fields are allowed.
 */
const promptSchema = z.union([z.string(), z.array(z.string()), z.array(z.number().int()), z.array(z.array(z.number().int()))], {
  error: 'expected a string, an array of strings, or token arrays',
});

export const openaiCompletionsInboundRequestSchema = z.looseObject({
  model: z.string().trim().min(1, 'model is required'),
  prompt: promptSchema.nullish(),
  suffix: z.string().nullish(),
  max_tokens: z.number().int().nonnegative().nullish(),
  temperature: z.number().nullish(),
  top_p: z.number().nullish(),
  n: z.number().int().positive().nullish(),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
  logprobs: z.number().int().nullish(),
  echo: z.boolean().nullish(),
  stop: z.union([z.string(), z.array(z.string())], { error: 'expected a string or an array of strings' }).nullish(),
  presence_penalty: z.number().nullish(),
  frequency_penalty: z.number().nullish(),
  best_of: z.number().int().positive().nullish(),
  logit_bias: z.record(z.string(), z.number()).nullish(),
  seed: z.number().int().nullish(),
  user: z.string().nullish(),
});

export type OpenAICompletionsInboundRequest = z.infer<typeof openaiCompletionsInboundRequestSchema>;
