import type { ProviderDefinition } from '../provider-definition';
import { buildQwenRequest, prepareQwenBody } from './qwen-executor';

/** Qwen Code OAuth accounts (auth files `type: qwen`, spec 4): OpenAI Chat Completions upstream. */
export const qwenProvider: ProviderDefinition = {
  id: 'qwen',
  wire: 'openai-chat',
  payloadProtocol: 'openai',
  countsTokens: false,
  prepareBody: prepareQwenBody,
  buildRequest: buildQwenRequest,
};

/** Spec 8, the registry's qwen list (at removal only coder-model; the earlier ids stay servable). */
export const qwenModels: readonly string[] = ['coder-model', 'qwen3-coder-plus', 'qwen3-coder-flash', 'vision-model'];
