import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import type { ConfigFile } from '../../config/config-file';
import { MANAGEMENT_PREFIX } from '../create-management-guard';
import { hashPlaintextSecret } from '../management-secret';
import { readConfigObject, sendChangeFailure } from './config-edit';

/** Keys CPA never shows in GET /config (docs/management-api.md#config-document): the listener, the auth folder and the management secret. */
const HIDDEN_KEYS = ['host', 'port', 'auth-dir', 'remote-management'] as const;

/**
 * docs/management-api.md#config-document:
 *   GET /config        the file as JSON (YAML key names, unknown keys too) without HIDDEN_KEYS
 *   GET /config.yaml   the raw bytes
 *   PUT /config.yaml   the whole file: 400 invalid_yaml / 422 invalid_config (nothing written), else written and applied
 */
export function registerConfigDocumentRoutes(app: FastifyInstance, configFile: ConfigFile): void {
  app.get(`${MANAGEMENT_PREFIX}/config`, async (_request, reply) => {
    const config = await readConfigObject(configFile);
    for (const key of HIDDEN_KEYS) delete config[key];
    return reply.header('cache-control', 'no-store').send(config);
  });

  app.get(`${MANAGEMENT_PREFIX}/config.yaml`, async (_request, reply) => {
    let bytes: Buffer;
    try {
      bytes = await readFile(configFile.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return reply.code(404).send({ error: 'not_found', message: 'config file not found' });
      return reply.code(500).send({ error: 'read_failed', message: `cannot read the config file (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})` });
    }
    return reply
      .header('content-type', 'application/yaml; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .send(bytes);
  });

  app.put(`${MANAGEMENT_PREFIX}/config.yaml`, async (request, reply) => {
    const text = typeof request.body === 'string' ? request.body : '';
    const result = await configFile.replaceText(text);
    if (!result.ok) return sendChangeFailure(reply, configFile, result, 'replace');
    // As CPA's reload does: a plaintext secret in the new file is replaced by its hash.
    await hashPlaintextSecret(configFile, request.log);
    return reply.send({ ok: true, changed: ['config'] });
  });
}
