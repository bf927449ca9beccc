import { describe, expect, it } from 'vitest';
import type { TranslationContext } from '../../canonical/index';
import { ProxyError } from '../../errors/proxy-error';
import { decodeOpenAICompletionsRequest } from './decode-openai-completions-request';

function testContext(): TranslationContext {
  let counter = 0;
  return { generateId: (prefix) => `${prefix}_${(counter += 1)}`, now: () => 1_700_000_000_000 };
}

const decode = (body: Record<string, unknown>) => decodeOpenAICompletionsRequest({ model: 'gpt-3.5-turbo-instruct', ...body }, testContext());
const userText = (text: string) => [{ role: 'user', content: [{ type: 'text', text }] }];

function invalidMessage(body: unknown): string {
  try {
    decodeOpenAICompletionsRequest(body, testContext());
  } catch (error) {
    expect(error).toBeInstanceOf(ProxyError);
    expect((error as ProxyError).code).toBe('PX_INVALID_REQUEST');
    return (error as ProxyError).message;
  }
  throw new Error('expected PX_INVALID_REQUEST');
}

describe('decodeOpenAICompletionsRequest', () => {
  it('a string prompt becomes one user text message', () => {
    const { value, warnings } = decode({ prompt: 'Say this is a test' });
    expect(value).toEqual({ model: 'gpt-3.5-turbo-instruct', system: [], messages: userText('Say this is a test'), tools: [], stream: false });
    expect(warnings).toEqual([]);
  });

  it('a one-element array is that prompt; several prompts are joined with newlines and a warning', () => {
    expect(decode({ prompt: ['only'] }).value.messages).toEqual(userText('only'));
    const { value, warnings } = decode({ prompt: ['a', 'b'] });
    expect(value.messages).toEqual(userText('a\nb'));
    expect(warnings.map((warning) => warning.field)).toEqual(['prompt']);
  });

  it.each([[{}], [{ prompt: '' }], [{ prompt: null }], [{ prompt: [] }]])('no / empty prompt %j -> one user message with empty text (documented)', (body) => {
    expect(decode(body).value.messages).toEqual(userText(''));
  });

  it('decodes generation parameters', () => {
    const { value } = decode({
      prompt: 'x',
      max_tokens: 7,
      temperature: 0,
      top_p: 1,
      n: 1,
      stop: '\n',
      presence_penalty: 0.1,
      frequency_penalty: 0.2,
      seed: 9,
      stream: true,
      stream_options: { include_usage: true },
      user: 'u',
    });
    expect(value).toMatchObject({
      maxOutputTokens: 7,
      temperature: 0,
      topP: 1,
      candidateCount: 1,
      stopSequences: ['\n'],
      presencePenalty: 0.1,
      frequencyPenalty: 0.2,
      seed: 9,
      stream: true,
      includeUsage: true,
      user: 'u',
    });
    expect(value).not.toHaveProperty('maxOutputTokens', 16);
  });

  it('warns about completions-only features', () => {
    const { warnings } = decode({ prompt: 'x', suffix: 'end', echo: true, logprobs: 2, best_of: 3, logit_bias: { '50256': -100 } });
    expect(warnings.map((warning) => warning.field)).toEqual(['suffix', 'echo', 'logprobs', 'best_of', 'logit_bias']);
  });

  it.each([
    [{ model: 1, prompt: 'x' }, 'model'],
    [{ model: 'm', prompt: 5 }, 'prompt'],
    [{ model: 'm', prompt: 'x', max_tokens: 'many' }, 'max_tokens'],
    [{ model: 'm', prompt: 'x', stream: 'yes' }, 'stream'],
    [{ model: 'm', prompt: 'x', stop: 3 }, 'stop'],
    [{ model: 'm', prompt: 'x', stream_options: { include_usage: 1 } }, 'stream_options.include_usage'],
  ])('%j -> 400 naming %s', (body, field) => {
    expect(invalidMessage(body)).toContain(`${field}:`);
  });

  it('token-id prompts cannot be served: 400 naming prompt', () => {
    expect(invalidMessage({ model: 'm', prompt: [1212, 318] })).toContain('prompt: token-id prompts');
    expect(invalidMessage({ model: 'm', prompt: [[1212, 318]] })).toContain('prompt:');
    expect(invalidMessage('nope')).toContain('JSON object');
  });
});
