import { describe, expect, it } from 'vitest';
import { kimiReasoningUnavailable, normalizeKimiMessages } from './normalize-kimi-messages';

const call = (id: string) => ({ id, type: 'function', function: { name: 'get_weather', arguments: '{}' } });

describe('normalizeKimiMessages (what Kimi accepts in a history)', () => {
  it('drops empty assistant messages and keeps ones with text, tool calls, a function call or reasoning', () => {
    const kept = [
      { role: 'assistant', content: 'text' },
      { role: 'assistant', content: null, tool_calls: [call('a')], reasoning_content: 'why' },
      { role: 'assistant', content: '', function_call: { name: 'f', arguments: '{}' } },
      { role: 'assistant', content: '', reasoning_content: 'thought' },
    ];
    const empty = [{ role: 'assistant', content: '  ' }, { role: 'assistant', content: null }, { role: 'assistant', content: [{ type: 'text', text: ' ' }, { type: 'text' }] }, { role: 'assistant', function_call: {} }];
    expect(normalizeKimiMessages([{ role: 'user', content: 'hi' }, ...empty, ...kept])).toEqual([{ role: 'user', content: 'hi' }, ...kept]);
  });

  it('gives a tool call without usable reasoning the last usable reasoning, else its own text, else the marker', () => {
    const history = [
      { role: 'assistant', content: 'looking', tool_calls: [call('a')] },
      { role: 'tool', tool_call_id: 'a', content: 'x' },
      { role: 'assistant', content: [{ type: 'text', text: 'one' }, { type: 'text', text: 'two' }], tool_calls: [call('b')], reasoning_content: kimiReasoningUnavailable },
      { role: 'tool', tool_call_id: 'b', content: 'y' },
      { role: 'assistant', content: null, tool_calls: [call('c')] },
      { role: 'tool', tool_call_id: 'c', content: 'z' },
      { role: 'assistant', content: null, tool_calls: [call('d')], reasoning_content: 'real thought' },
      { role: 'tool', tool_call_id: 'd', content: 'w' },
      { role: 'assistant', content: 'later', tool_calls: [call('e')], reasoning_content: '' },
    ];
    const reasoning = normalizeKimiMessages(history).map((message) => (message as Record<string, unknown>).reasoning_content);
    expect(reasoning).toEqual(['looking', undefined, 'one\ntwo', undefined, kimiReasoningUnavailable, undefined, 'real thought', undefined, 'real thought']);
  });

  it('fills a missing tool_call_id from call_id, else from the only unanswered call; two unanswered calls stay ambiguous', () => {
    const single = normalizeKimiMessages([
      { role: 'assistant', content: null, tool_calls: [call('a')], reasoning_content: 'r' },
      { role: 'tool', content: 'x' },
    ]);
    expect(single[1]).toEqual({ role: 'tool', content: 'x', tool_call_id: 'a' });
    const fromCallId = normalizeKimiMessages([{ role: 'tool', call_id: 'q', content: 'x' }]);
    expect(fromCallId[0]).toEqual({ role: 'tool', call_id: 'q', content: 'x', tool_call_id: 'q' });
    const ambiguous = normalizeKimiMessages([
      { role: 'assistant', content: null, tool_calls: [call('a'), call('b')], reasoning_content: 'r' },
      { role: 'tool', content: 'x' },
    ]);
    expect(ambiguous[1]).toEqual({ role: 'tool', content: 'x' });
    const answered = normalizeKimiMessages([
      { role: 'assistant', content: null, tool_calls: [call('a'), call('b')], reasoning_content: 'r' },
      { role: 'tool', tool_call_id: 'a', content: 'x' },
      { role: 'tool', content: 'y' },
    ]);
    expect(answered[2]).toEqual({ role: 'tool', content: 'y', tool_call_id: 'b' });
  });

  it('never mutates the input and returns a history that needs nothing as equal', () => {
    const history = [{ role: 'system', content: 's' }, { role: 'assistant', content: null, tool_calls: [call('a')] }, { role: 'tool', content: 'x' }];
    const copy = structuredClone(history);
    normalizeKimiMessages(history);
    expect(history).toEqual(copy);
    const clean = [{ role: 'user', content: 'hi' }, { role: 'assistant', content: 'hello' }];
    expect(normalizeKimiMessages(clean)).toEqual(clean);
  });
});
