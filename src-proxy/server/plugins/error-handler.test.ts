import Fastify from 'fastify';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../logging/create-logger';
import '../proxy/proxy-info';
import { registerErrorHandler } from './error-handler';

describe('error handler', () => {
  it('regression: an unexpected error is logged with its stack in the engine log, and the client sees only a generic 500', async () => {
    let logs = '';
    const logger = createLogger({ debug: false, destination: new Writable({ write: (chunk: Buffer, _encoding, callback) => ((logs += chunk.toString()), callback()) }) });
    const app = Fastify({ logger: false });
    app.decorateRequest('clientProtocol', null);
    registerErrorHandler(app, logger);
    app.get('/v1/boom', { config: { protocol: 'anthropic-messages' } }, async () => {
      throw new TypeError('boom at /home/someone/secret-path');
    });
    const response = await app.inject({ method: 'GET', url: '/v1/boom' });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toMatchObject({ type: 'error', error: { type: 'api_error' } });
    expect(response.body).not.toContain('secret-path');
    expect(logs).toContain('boom at /home/someone/secret-path');
    expect(logs).toContain('TypeError');
    expect(logs).toContain('"route":"/v1/boom"');
  });
});
