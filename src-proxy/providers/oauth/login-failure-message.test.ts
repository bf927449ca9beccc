import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { loginFailureMessage } from './login-failure-message';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('loginFailureMessage', () => {
  it("names the host and the reason of undici's 'fetch failed' (a refused connection, an unknown host)", async () => {
    const port = await closedPort();
    const refused = await fetch(`http://127.0.0.1:${port}/token`).catch((error: unknown) => error);
    expect(loginFailureMessage(refused)).toBe(`Could not reach 127.0.0.1:${port} (ECONNREFUSED); check the network connection or the proxy-url setting.`);
    const unknown = await fetch('http://no-such-host.invalid/token').catch((error: unknown) => error);
    expect(loginFailureMessage(unknown)).toMatch(/^Could not reach no-such-host\.invalid \((ENOTFOUND|EAI_AGAIN)\); check/);
  });

  it("keeps every other error's own message", () => {
    expect(loginFailureMessage(new Error('The Kimi token response has no access_token'))).toBe('The Kimi token response has no access_token');
    expect(loginFailureMessage('expired_token')).toBe('expired_token');
    expect(loginFailureMessage(undefined)).toBe('Login failed');
  });
});
