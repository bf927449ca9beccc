import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ConfigFile } from '../../config/config-file';
import { setConfigValue } from '../../config/config-document';
import { parseRoutingStrategy } from '../../config/config-schema';
import { MANAGEMENT_PREFIX } from '../create-management-guard';
import { applyConfigEdit, isPlainObject, parseJsonBody, readConfigObject } from './config-edit';
import { isOfType, SCALAR_SETTINGS, type ScalarSetting } from './scalar-settings';

/**
 * docs/management-api.md#scalar-settings: GET `{"<key>": value}`; PUT and PATCH `{"value": ..}` -> `{"status":"ok"}` or
 * 400 `{"error":"invalid body"}`; DELETE /proxy-url clears it; /routing/strategy normalizes its aliases.
 */
export function registerScalarSettingRoutes(app: FastifyInstance, configFile: ConfigFile): void {
  for (const setting of SCALAR_SETTINGS) {
    const url = `${MANAGEMENT_PREFIX}/${setting.route}`;
    app.get(url, async (_request, reply) => reply.send({ [setting.responseKey]: setting.read(configFile.config(), await readConfigObject(configFile)) }));
    const write = (request: FastifyRequest, reply: FastifyReply) => writeSetting(setting, configFile, request, reply);
    app.put(url, write);
    app.patch(url, write);
  }
  app.delete(`${MANAGEMENT_PREFIX}/proxy-url`, (_request, reply) =>
    applyConfigEdit(reply, configFile, (document) => setConfigValue(document, ['proxy-url'], '')),
  );

  const strategyUrl = `${MANAGEMENT_PREFIX}/routing/strategy`;
  app.get(strategyUrl, async (_request, reply) => reply.send({ strategy: configFile.config().routing.strategy }));
  const writeStrategy = async (request: FastifyRequest, reply: FastifyReply) => {
    const value = valueOf(request.body);
    if (typeof value !== 'string') return reply.code(400).send({ error: 'invalid body' });
    // CPA's spellings and ours (config-schema.ts), normalised as the config loader does.
    const strategy = parseRoutingStrategy(value);
    if (strategy === null) return reply.code(400).send({ error: 'invalid strategy' });
    return applyConfigEdit(reply, configFile, (document) => setConfigValue(document, ['routing', 'strategy'], strategy));
  };
  app.put(strategyUrl, writeStrategy);
  app.patch(strategyUrl, writeStrategy);
}

async function writeSetting(setting: ScalarSetting, configFile: ConfigFile, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const value = valueOf(request.body);
  if (!isOfType(value, setting.type)) return reply.code(400).send({ error: 'invalid body' });
  const written = typeof value === 'number' && setting.normalize ? setting.normalize(value) : value;
  return applyConfigEdit(reply, configFile, (document) => setConfigValue(document, setting.keyPath, written));
}

/** `{"value": x}` -> x; undefined for anything else. */
function valueOf(body: unknown): unknown {
  const parsed = parseJsonBody(body);
  return isPlainObject(parsed) ? parsed.value : undefined;
}
