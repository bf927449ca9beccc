import { describe, expect, it } from 'vitest';
import { formatCpaLogLine } from './format-cpa-log-line';

const at = new Date(2026, 11, 7, 15, 4, 5).getTime();

describe('formatCpaLogLine: pino JSON as CPA text lines', () => {
  it('renders time (local), request id, level and message, then the other fields', () => {
    const line = JSON.stringify({ level: 30, time: at, pid: 1, hostname: 'h', restartRequired: [], msg: 'config applied' });
    expect(formatCpaLogLine(line)).toBe('[2026-12-07 15:04:05] [--------] [info ] config applied restartRequired=[]');
    const warn = JSON.stringify({ level: 40, time: at, reqId: 'a1b2c3d4', provider: 'claude', msg: 'refresh failed\n' });
    expect(formatCpaLogLine(warn)).toBe('[2026-12-07 15:04:05] [a1b2c3d4] [warn ] refresh failed provider=claude');
  });

  it("renders a request line in CPA's access form, warn for 4xx and error for 5xx, with the path", () => {
    const request = (status: number, extra: Record<string, unknown> = {}) =>
      formatCpaLogLine(JSON.stringify({ level: 30, time: at, reqId: 'd95a3847', method: 'POST', route: '/v1/chat/completions', path: '/v1/chat/completions', status, latencyMs: 13.9, model: 'gpt-5', msg: 'request', ...extra }));
    expect(request(200)).toBe('[2026-12-07 15:04:05] [d95a3847] [info ] 200 |        13.9ms | POST    "/v1/chat/completions" model=gpt-5');
    expect(request(429)).toContain('[warn ] 429 |');
    expect(request(502)).toContain('[error] 502 |');
    const unmatched = JSON.stringify({ level: 30, time: at, reqId: 'e0e0e0e0', method: 'GET', route: '/nope', path: '/nope', status: 404, latencyMs: 1, msg: 'request' });
    expect(formatCpaLogLine(unmatched)).toBe('[2026-12-07 15:04:05] [e0e0e0e0] [warn ] 404 |           1ms | GET     "/nope"');
  });

  it('leaves lines that are not pino JSON as they are', () => {
    for (const line of ['[2026-12-07 15:04:05] [--------] [info ] [main.go:12] CPA line', '{"partial', '{"msg":"no time"}', '[1,2]']) {
      expect(formatCpaLogLine(line)).toBe(line);
    }
  });
});
