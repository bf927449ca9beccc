import { createHash } from 'node:crypto';
import type { Credential } from '../../routing/credential';
import { applyCredentialHeaders } from '../apply-credential-headers';
import { envelopeRequestOf } from '../gemini-cli/gemini-cli-executor';
import type { BodyPreparation, BodyPreparationContext, ClientHeaders, UpstreamCall, UpstreamRequest } from '../provider-definition';
import { antigravityUserAgent } from './antigravity-identity';

/**
 * Antigravity's client ids (docs/providers.md#antigravity-executor): the Gemini body's `sessionId` (kept when
 * the client sent one; else stable per conversation: a hash of the first user text, as CPA derives it; else
 * one per request) and the envelope's `requestId` (`agent-<uuid>`), handed to buildRequest as the call's
 * cloak mark. Randomness comes only from the request's id source.
 */
export function prepareAntigravityBody(body: Record<string, unknown>, _credential: Credential, _clientHeaders: ClientHeaders, context: BodyPreparationContext): BodyPreparation {
  const given = typeof body.sessionId === 'string' ? body.sessionId.trim() : '';
  const sessionId = given || sessionIdOf(firstUserText(body.contents) ?? context.generateId('antigravity_session'));
  body.sessionId = sessionId;
  return { cloak: { sessionId, requestId: `agent-${uuidOf(context.generateId('antigravity_request'))}` } };
}

/**
 * Cloud Code for Antigravity accounts (docs/providers.md#antigravity-executor): `POST {base}/v1internal:generateContent`
 * or `:streamGenerateContent?alt=sse` (also for a non-stream call to a model CPA always streams), Bearer token and
 * Antigravity's User-Agent. The envelope is
 * `{model, userAgent: "antigravity", requestType: "agent", project, requestId, request}`; the request loses
 * `safetySettings`, a Claude model's tool calling is `VALIDATED` (its `maxOutputTokens` capped at the model's
 * limit) and other models drop `maxOutputTokens`.
 */
export function buildAntigravityRequest(credential: Credential, call: UpstreamCall, body: string, clientHeaders: ClientHeaders): UpstreamRequest {
  const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${credential.apiKey}`, 'user-agent': antigravityUserAgent };
  applyCredentialHeaders(headers, credential.headers, clientHeaders);
  const request = envelopeRequestOf(body);
  delete request.safetySettings;
  if (call.model.toLowerCase().includes('claude')) {
    request.toolConfig = validatedToolConfig(request.toolConfig);
    if (request.generationConfig !== undefined) request.generationConfig = cappedMaxOutputTokens(request.generationConfig);
  } else if (request.generationConfig !== undefined) request.generationConfig = withoutMaxOutputTokens(request.generationConfig);
  const envelope = { model: call.model, userAgent: 'antigravity', requestType: 'agent', project: credential.oauth?.projectId ?? '', requestId: call.cloak?.requestId ?? '', request };
  const action = call.stream || alwaysStreamed(call.model) ? 'streamGenerateContent?alt=sse' : 'generateContent';
  return { method: 'POST', url: `${credential.baseUrl}/v1internal:${action}`, headers, body: JSON.stringify(envelope) };
}

/**
 * CPA asks Cloud Code to stream for these models even when its client did not, and assembles the answer
 * (here `assembleAntigravityReply`): Claude models, Gemini 3 Pro and the Gemini 3.1 Flash image model.
 */
function alwaysStreamed(model: string): boolean {
  const name = model.toLowerCase();
  return name.includes('claude') || name.includes('gemini-3-pro') || name.includes('gemini-3.1-flash-image');
}

function validatedToolConfig(value: unknown): Record<string, unknown> {
  const toolConfig = objectOf(value);
  return { ...toolConfig, functionCallingConfig: { ...objectOf(toolConfig.functionCallingConfig), mode: 'VALIDATED' } };
}

/** CPA's model registry gives both Antigravity Claude models 64,000 completion tokens; CPA caps larger asks to it. */
const claudeMaxOutputTokens = 64_000;

function cappedMaxOutputTokens(value: unknown): Record<string, unknown> {
  const config = objectOf(value);
  return typeof config.maxOutputTokens === 'number' && config.maxOutputTokens > claudeMaxOutputTokens ? { ...config, maxOutputTokens: claudeMaxOutputTokens } : config;
}

function withoutMaxOutputTokens(value: unknown): Record<string, unknown> {
  const { maxOutputTokens: _dropped, ...rest } = objectOf(value);
  return rest;
}

/** The text of the first user turn's first part, when it has one. */
function firstUserText(contents: unknown): string | undefined {
  if (!Array.isArray(contents)) return undefined;
  for (const content of contents.map(objectOf)) {
    if (content.role !== 'user' || !Array.isArray(content.parts)) continue;
    const text = objectOf(content.parts[0]).text;
    if (typeof text === 'string' && text !== '') return text;
  }
  return undefined;
}

/** `-<n>`: the first 8 bytes of SHA-256 as a non-negative 63-bit integer (CPA's session id form). */
function sessionIdOf(seed: string): string {
  const digest = createHash('sha256').update(seed).digest();
  return `-${digest.readBigUInt64BE(0) & 0x7fff_ffff_ffff_ffffn}`;
}

/** A UUID-shaped id (version 4 layout) from a random seed. */
function uuidOf(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function objectOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
