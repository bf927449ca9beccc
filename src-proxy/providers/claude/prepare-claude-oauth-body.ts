import type { Credential } from '../../routing/credential';
import { cloakClaudeBody } from '../claude-api/claude-cloak';
import { randomHex64, randomUuid } from '../claude-api/cloak-ids';
import { isNativeClaudeCodeRequest } from '../claude-api/detect-claude-code-client';
import type { BodyPreparation, BodyPreparationContext, ClientHeaders } from '../provider-definition';

/**
 * Cloaking for OAuth accounts (docs/providers.md#claude-cloaking): the mode defaults to auto, which for a real OAuth token
 * means cloak, so every non-native client gets Claude Code's system identity block (part of the minimum an
 * OAuth token needs) and `metadata.user_id` with the file's device id and account uuid. `cloak_mode: never`
 * turns it off; a native Claude Code request is never cloaked.
 */
export function prepareClaudeOAuthBody(body: Record<string, unknown>, credential: Credential, clientHeaders: ClientHeaders, context: BodyPreparationContext): BodyPreparation | undefined {
  const cloak = credential.cloak;
  if (cloak?.mode === 'never') return undefined;
  if (isNativeClaudeCodeRequest({ headers: clientHeaders, wire: context.clientWire, body: context.clientBody, operation: context.operation })) return undefined;
  const sessionId = randomUuid(context.generateId);
  cloakClaudeBody(body, {
    operation: context.operation,
    strictMode: cloak?.strictMode ?? false,
    sensitiveWords: cloak?.sensitiveWords ?? [],
    deviceId: credential.oauth?.deviceId || randomHex64(context.generateId),
    accountUuid: credential.oauth?.accountUuid ?? '',
    sessionId,
  });
  return { cloak: { sessionId, requestId: randomUuid(context.generateId) } };
}
