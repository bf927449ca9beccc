import { describe, expect, it } from 'vitest';
import { createSseParser, type SseMessage } from './parse-sse';

function parseAll(chunks: string[]): SseMessage[] {
  const messages: SseMessage[] = [];
  const push = createSseParser((message) => messages.push(message));
  for (const chunk of chunks) push(chunk);
  return messages;
}

describe('createSseParser', () => {
  it('parses named events with JSON data, ignoring comments', () => {
    expect(parseAll([': keepalive\n\nevent: status.changed\ndata: {"state":"running"}\n\n'])).toEqual([
      { event: 'status.changed', data: '{"state":"running"}' },
    ]);
  });

  it('handles any chunking, CRLF split across chunks, and multi-line data', () => {
    const text = 'event: a\r\ndata: one\r\ndata: two\r\n\r\ndata: plain\n\n';
    const whole = parseAll([text]);
    const byChar = parseAll([...text]);
    expect(whole).toEqual([
      { event: 'a', data: 'one\ntwo' },
      { event: 'message', data: 'plain' },
    ]);
    expect(byChar).toEqual(whole);
  });

  it('does not emit an unfinished message', () => {
    expect(parseAll(['event: a\ndata: x\n'])).toEqual([]);
  });
});
