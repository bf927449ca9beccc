import type { ClaudeCloakConfig } from '../../config/engine-config';
import type { Credential } from '../../routing/credential';
import type { BodyPreparation, BodyPreparationContext, ClientHeaders } from '../provider-definition';
import { cloakClaudeBody } from './claude-cloak';
import { randomHex64, randomUuid, type IdSource } from './cloak-ids';
import { isNativeClaudeCodeRequest } from './detect-claude-code-client';

/** Device ids kept for `cache-user-id` credentials, by credential id. */
export type DeviceIdCache = Map<string, string>;

/**
 * Whether to cloak (docs/providers.md#claude-cloaking, docs/config.md#credential-entries). No cloak block: never (an API key
 * is not cloaked unless configured). A confirmed native Claude Code request: never, whatever the mode.
 * Otherwise `auto` and `always` both cloak and `never` does not. In CPA the two differ only in which
 * credentials `auto` covers (OAuth tokens, a `claude-code-cli` fingerprint profile, a configured block);
 * an API key reaching this point has a configured block, so for it they coincide.
 */
export function shouldCloak(cloak: ClaudeCloakConfig | undefined, nativeClaudeCode: boolean): cloak is ClaudeCloakConfig {
  if (cloak === undefined || nativeClaudeCode) return false;
  return cloak.mode !== 'never';
}

/**
 * The claude-api provider's body step: cloaks the upstream body when the credential asks for it and the
 * client is not native Claude Code, and hands buildRequest the ids its identity headers repeat.
 */
export function createClaudeApiBodyPreparer(deviceIds: DeviceIdCache = new Map()) {
  return function prepareClaudeApiBody(
    body: Record<string, unknown>,
    credential: Credential,
    clientHeaders: ClientHeaders,
    context: BodyPreparationContext,
  ): BodyPreparation | undefined {
    const { cloak } = credential;
    if (cloak === undefined || cloak.mode === 'never') return undefined;
    const native = isNativeClaudeCodeRequest({ headers: clientHeaders, wire: context.clientWire, body: context.clientBody, operation: context.operation });
    if (!shouldCloak(cloak, native)) return undefined;
    const sessionId = randomUuid(context.generateId);
    cloakClaudeBody(body, {
      operation: context.operation,
      strictMode: cloak.strictMode,
      sensitiveWords: cloak.sensitiveWords,
      deviceId: cloak.cacheUserId ? cachedDeviceId(deviceIds, credential.id, context.generateId) : randomHex64(context.generateId),
      accountUuid: '',
      sessionId,
    });
    return { cloak: { sessionId, requestId: randomUuid(context.generateId) } };
  };
}

function cachedDeviceId(deviceIds: DeviceIdCache, credentialId: string, generateId: IdSource): string {
  let deviceId = deviceIds.get(credentialId);
  if (deviceId === undefined) {
    deviceId = randomHex64(generateId);
    deviceIds.set(credentialId, deviceId);
  }
  return deviceId;
}
