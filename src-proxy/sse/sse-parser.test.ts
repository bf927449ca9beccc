import { describe, expect, it } from 'vitest';
import { formatSseEvent } from './sse-event';
import { SseParser } from './sse-parser';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('SseParser', () => {
  it('parses events, names, multi-line data and ignores comments', () => {
    const parser = new SseParser();
    const events = parser.push(bytes(': keep-alive\n\nevent: message_start\ndata: {"a":1}\n\ndata: line1\ndata: line2\n\n'));
    expect(events).toEqual([{ event: 'message_start', data: '{"a":1}' }, { data: 'line1\nline2' }]);
  });

  it('reads fields as WHATWG says: one optional space after the colon, no colon = empty value, unknown names and ids with NUL ignored', () => {
    const parser = new SseParser();
    const events = parser.push(bytes('data:tight\ndata:  two spaces\ndata\ndatum: x\nid: 7\n\nid: a\u0000b\ndata: next\n\n'));
    expect(events).toEqual([{ data: 'tight\n two spaces\n', id: '7' }, { data: 'next', id: '7' }]);
  });

  it('takes text between byte chunks as the same stream (a translated stream, keep-alive comments)', () => {
    const parser = new SseParser();
    expect(parser.push(bytes('data: é'))).toEqual([]);
    expect(parser.pushText('\n\n: keep-alive\n\nevent: x\ndata: ✓')).toEqual([{ data: 'é' }]);
    expect(parser.push(bytes('\n\n'))).toEqual([{ event: 'x', data: '✓' }]);
  });

  it('reassembles events split anywhere, including inside a UTF-8 character and a CRLF', () => {
    const text = 'data: {"t":"héllo → ✓"}\r\n\r\ndata: [DONE]\r\n\r\n';
    const all = bytes(text);
    for (let cut = 1; cut < all.length; cut += 1) {
      const parser = new SseParser();
      const events = [...parser.push(all.slice(0, cut)), ...parser.push(all.slice(cut)), ...parser.end()];
      expect(events.map((event) => event.data)).toEqual(['{"t":"héllo → ✓"}', '[DONE]']);
    }
  });

  it('accepts CR-only line endings and a last event without its blank line', () => {
    const parser = new SseParser();
    expect(parser.push(bytes('data: a\r\rdata: b'))).toEqual([{ data: 'a' }]);
    expect(parser.end()).toEqual([{ data: 'b' }]);
  });

  it('formats what it parses', () => {
    const parser = new SseParser();
    const event = { event: 'content_block_delta', data: '{"x":"y"}' };
    expect(parser.push(bytes(formatSseEvent(event)))).toEqual([event]);
    expect(formatSseEvent({ data: 'a\nb' })).toBe('data: a\ndata: b\n\n');
  });
});
