import { describe, expect, it } from 'vitest';
import { testCredential } from '../../routing/test-credential.fixture';
import type { BodyPreparationContext } from '../provider-definition';
import { prepareXaiBody } from './prepare-xai-body';

const credential = testCredential({ id: 'x', provider: 'xai-api', baseUrl: 'https://api.x.ai/v1', apiKey: 'k' });

function context(): BodyPreparationContext {
  let next = 0;
  return { operation: 'generate', clientWire: 'openai-responses', clientBody: {}, generateId: (prefix) => `${prefix}${String((next += 1)).padStart(32, '0')}` };
}

describe('prepareXaiBody (docs/providers.md#xai-executor)', () => {
  it('streams always, removes the fields xAI refuses and adds empty instructions', () => {
    const body: Record<string, unknown> = { model: 'grok-4.6', input: 'Hi', stream: false, previous_response_id: 'r', prompt_cache_retention: '24h', safety_identifier: 's', stream_options: {}, stop: ['x'] };
    expect(prepareXaiBody(body, credential, {}, context())).toEqual({});
    expect(body).toEqual({ model: 'grok-4.6', input: 'Hi', stream: true, instructions: '' });
  });

  it('keeps reasoning.effort only for models with reasoning levels, dropping a reasoning object left empty', () => {
    const withLevels: Record<string, unknown> = { model: 'grok-4.3', reasoning: { effort: 'high' } };
    prepareXaiBody(withLevels, credential, {}, context());
    expect(withLevels.reasoning).toEqual({ effort: 'high' });
    const withoutLevels: Record<string, unknown> = { model: 'grok-build-0.1', reasoning: { effort: 'high', summary: 'auto' } };
    prepareXaiBody(withoutLevels, credential, {}, context());
    expect(withoutLevels.reasoning).toEqual({ summary: 'auto' });
    const onlyEffort: Record<string, unknown> = { model: 'grok-4.20-0309-reasoning', reasoning: { effort: 'low' } };
    prepareXaiBody(onlyEffort, credential, {}, context());
    expect(onlyEffort).not.toHaveProperty('reasoning');
  });

  it('turns custom tools into functions with an object schema, drops apply_patch and hosted tools xAI lacks, and the tool choice when nothing is left', () => {
    const tools = [
      { type: 'custom', name: 'run', description: 'Runs' },
      { type: 'custom', name: 'apply_patch' },
      { type: 'tool_search' },
      { type: 'image_generation' },
      { type: 'web_search', external_web_access: true },
      { type: 'function', name: 'f', parameters: { type: 'object', properties: { a: { type: 'string' } } } },
    ];
    const body: Record<string, unknown> = { model: 'grok-4.6', tools, tool_choice: 'auto' };
    prepareXaiBody(body, credential, {}, context());
    expect(body.tools).toEqual([
      { type: 'function', name: 'run', description: 'Runs', parameters: { type: 'object', properties: {} } },
      { type: 'web_search' },
      { type: 'function', name: 'f', parameters: { type: 'object', properties: { a: { type: 'string' } } } },
    ]);
    expect(tools[0]).toEqual({ type: 'custom', name: 'run', description: 'Runs' });
    const onlyDropped: Record<string, unknown> = { model: 'grok-4.6', tools: [{ type: 'custom', name: 'apply_patch' }], tool_choice: 'required', parallel_tool_calls: true };
    prepareXaiBody(onlyDropped, credential, {}, context());
    expect(onlyDropped).not.toHaveProperty('tools');
    expect(onlyDropped).not.toHaveProperty('tool_choice');
    expect(onlyDropped).not.toHaveProperty('parallel_tool_calls');
  });

  it("repeats the client's prompt_cache_key as the conversation id; a Grok Composer model without one gets a fresh one", () => {
    expect(prepareXaiBody({ model: 'grok-4.6', prompt_cache_key: ' conv-1 ' }, credential, {}, context()).cloak?.sessionId).toBe('conv-1');
    expect(prepareXaiBody({ model: 'grok-4.6' }, credential, {}, context()).cloak).toBeUndefined();
    const composer: Record<string, unknown> = { model: 'grok-composer-2.5-fast' };
    const mark = prepareXaiBody(composer, credential, {}, context()).cloak;
    expect(mark?.sessionId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(composer.prompt_cache_key).toBe(mark?.sessionId);
  });
});
