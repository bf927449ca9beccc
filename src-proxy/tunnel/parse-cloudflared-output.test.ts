import { describe, expect, it } from 'vitest';
import { parseCloudflaredLine } from './parse-cloudflared-output';

describe('parseCloudflaredLine', () => {
  it("finds the quick tunnel's address in cloudflared's box", () => {
    expect(parseCloudflaredLine('2024-05-01T10:00:00Z INF |  https://oklahoma-solo-younger-truck.trycloudflare.com                                 |')).toEqual({
      kind: 'quick-url',
      url: 'https://oklahoma-solo-younger-truck.trycloudflare.com',
    });
  });

  it('does not take the quick tunnel API host in an error for an address', () => {
    const line = '2024-05-01T10:00:00Z ERR Error unmarshaling QuickTunnel response: error="failed to request quick Tunnel: Post \\"https://api.trycloudflare.com/tunnel\\": dial tcp: i/o timeout"';
    expect(parseCloudflaredLine(line).kind).toBe('error');
  });

  it("recognises a named tunnel's first edge connection and error lines", () => {
    expect(parseCloudflaredLine('2024-05-01T10:00:00Z INF Registered tunnel connection connIndex=0 location=ams01 protocol=quic')).toEqual({ kind: 'connected' });
    expect(parseCloudflaredLine('2024-05-01T10:00:00Z ERR Provided Tunnel token is not valid.')).toEqual({ kind: 'error', message: 'Provided Tunnel token is not valid.' });
    expect(parseCloudflaredLine('2024-05-01T10:00:00Z INF Version 2024.5.0')).toEqual({ kind: 'other' });
  });
});
