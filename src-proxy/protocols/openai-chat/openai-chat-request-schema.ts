import { z } from 'zod';

/**
 * What the proxy itself needs from an OpenAI Chat request before forwarding it. Unknown fields pass
 * through untouched (clients send many vendor extensions); the fields below must have the right type.
 */
const message = z.looseObject({ role: z.string() });

export const openaiChatRequestSchema = z.looseObject({
  model: z.string().trim().min(1, 'model is required'),
  messages: z.array(message).min(1, 'messages must contain at least one message'),
  stream: z.boolean().optional(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  max_tokens: z.number().int().nonnegative().nullish(),
  temperature: z.number().nullish(),
  n: z.number().int().positive().nullish(),
});

export const openaiCompletionsRequestSchema = z.looseObject({
  model: z.string().trim().min(1, 'model is required'),
  prompt: z.union([z.string(), z.array(z.string()), z.array(z.number()), z.array(z.array(z.number()))]).optional(),
  stream: z.boolean().optional(),
  max_tokens: z.number().int().nonnegative().nullish(),
});
