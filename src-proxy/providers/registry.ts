import { antigravityProvider } from './antigravity/index';
import { claudeApiProvider } from './claude-api/index';
import { claudeProvider } from './claude/index';
import { codexApiProvider } from './codex-api/index';
import { codexProvider } from './codex/index';
import { geminiApiProvider } from './gemini-api/index';
import { geminiCliProvider } from './gemini-cli/index';
import { openaiCompatibleProvider } from './openai-compatible/index';
import { iflowProvider } from './iflow/index';
import { kimiProvider } from './kimi/index';
import type { ProviderByAuthType } from '../auth-store/auth-record';
import type { ProviderAuth, ProviderAuthFiles } from './provider-auth';
import type { ProviderDefinition } from './provider-definition';
import { qwenProvider } from './qwen/index';
import { vertexProvider } from './vertex/index';
import { xaiApiProvider, xaiProvider } from './xai/index';

/**
 * Every provider the engine knows, listed explicitly (no self-registration). Adding one = its folder and a
 * line here. The login providers' order is the order of `cliproxy login`'s usage lines, of the UI's "Login
 * with" buttons and of the tray's Login menu (`logins.list`).
 */
const providers: readonly ProviderDefinition[] = [openaiCompatibleProvider, claudeApiProvider, claudeProvider, geminiApiProvider, codexApiProvider, codexProvider, geminiCliProvider, qwenProvider, iflowProvider, kimiProvider, xaiProvider, antigravityProvider, vertexProvider, xaiApiProvider];

const byId = new Map(providers.map((provider) => [provider.id, provider]));

export function getProvider(id: string): ProviderDefinition {
  const provider = byId.get(id);
  if (!provider) throw new Error(`Unknown provider ${id}`);
  return provider;
}

/** A provider whose accounts are auth files: it has an `auth` part. */
export type AuthFileProviderDefinition = ProviderDefinition & { auth: ProviderAuthFiles };

/** A provider whose auth files come from its login: its `auth` part is a `ProviderAuth`. */
export type LoginProviderDefinition = Omit<ProviderDefinition, 'auth'> & { auth: ProviderAuth };

/** The providers with auth files, in registry order: the engine's accounts (credentials, refresh) loop over these. */
export const authFileProviders: readonly AuthFileProviderDefinition[] = providers.filter((provider): provider is AuthFileProviderDefinition => provider.auth !== undefined);

/** The login providers, in registry order: login sessions, login routes and the CLI loop over these. */
export const loginProviders: readonly LoginProviderDefinition[] = authFileProviders.filter((provider): provider is LoginProviderDefinition => 'login' in provider.auth);

/** Every provider, in registry order (model catalogues, API-key credentials). */
export function allProviders(): readonly ProviderDefinition[] {
  return providers;
}

/** Auth-file `type` to provider id, from the providers' `auth.fileTypes`: what every AuthStore is created with. */
export const providerByAuthFileType: ProviderByAuthType = Object.fromEntries(authFileProviders.flatMap((provider) => provider.auth.fileTypes.map((type) => [type, provider.id])));

/** Each login provider's refresh lead (`auth.refreshLeadMs`) by provider id: the AccountRefresher's `leads`. */
export const refreshLeadByProvider: Readonly<Record<string, number>> = Object.fromEntries(loginProviders.map((provider) => [provider.id, provider.auth.refreshLeadMs]));
