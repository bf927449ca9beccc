import { claudeApiProvider } from './claude-api/index';
import { claudeProvider } from './claude/index';
import { codexApiProvider } from './codex-api/index';
import { codexProvider } from './codex/index';
import { geminiApiProvider } from './gemini-api/index';
import { geminiCliProvider } from './gemini-cli/index';
import { openaiCompatibleProvider } from './openai-compatible/index';
import { iflowProvider } from './iflow/index';
import type { ProviderDefinition } from './provider-definition';
import { qwenProvider } from './qwen/index';

/** Every provider the engine knows, listed explicitly (no self-registration). */
const providers: readonly ProviderDefinition[] = [openaiCompatibleProvider, claudeApiProvider, claudeProvider, geminiApiProvider, geminiCliProvider, codexApiProvider, codexProvider, qwenProvider, iflowProvider];

const byId = new Map(providers.map((provider) => [provider.id, provider]));

export function getProvider(id: string): ProviderDefinition {
  const provider = byId.get(id);
  if (!provider) throw new Error(`Unknown provider ${id}`);
  return provider;
}
