import type { FastifyInstance } from 'fastify';
import type { ConfigFile } from '../../config/config-file';
import { setConfigValue } from '../../config/config-document';
import { MANAGEMENT_PREFIX } from '../create-management-guard';
import { appendItem, deleteItems, readList } from './document-list';
import { applyConfigEdit, EditStop, isPlainObject, nothingToChange, parseIndex, parseJsonBody, readConfigObject } from './config-edit';

const SECTION = 'api-keys';

/**
 * docs/management-api.md#list-sections, the client keys:
 *   GET    -> {"api-keys": [...]}
 *   PUT    [..] or {"items": [..]} (non-empty) replaces the list
 *   PATCH  {"index", "value"} replaces one; {"old", "new"} replaces the first equal one, or appends `new`
 *   DELETE ?index=i | ?value=k (every equal one)
 */
export function registerApiKeyListRoutes(app: FastifyInstance, configFile: ConfigFile): void {
  const url = `${MANAGEMENT_PREFIX}/${SECTION}`;
  app.get(url, async (_request, reply) => {
    const keys = (await readConfigObject(configFile))[SECTION];
    return reply.send({ [SECTION]: Array.isArray(keys) ? keys : [] });
  });

  app.put(url, async (request, reply) => {
    const keys = stringList(parseJsonBody(request.body));
    if (keys === null) return reply.code(400).send({ error: 'invalid body' });
    return applyConfigEdit(reply, configFile, (document) => setConfigValue(document, [SECTION], keys));
  });

  app.patch(url, async (request, reply) => {
    const body = parseJsonBody(request.body);
    if (!isPlainObject(body)) return reply.code(400).send({ error: 'invalid body' });
    return applyConfigEdit(reply, configFile, (document) => {
      const keys = readList(document, SECTION);
      const { index, value, old, new: replacement } = body;
      if (typeof index === 'number' && Number.isInteger(index) && typeof value === 'string' && index >= 0 && index < keys.length) {
        setConfigValue(document, [SECTION, index], value);
      } else if (typeof old === 'string' && typeof replacement === 'string') {
        const found = keys.indexOf(old);
        if (found === -1) appendItem(document, SECTION, replacement);
        else setConfigValue(document, [SECTION, found], replacement);
      } else {
        throw new EditStop(400, { error: 'missing fields' });
      }
    });
  });

  app.delete<{ Querystring: { index?: string; value?: string } }>(url, async (request, reply) => {
    const { index, value } = request.query;
    return applyConfigEdit(reply, configFile, (document) => {
      const keys = readList(document, SECTION);
      const position = parseIndex(index);
      if (position !== null && position < keys.length) return deleteItems(document, SECTION, [position]);
      if (value !== undefined && value.trim() !== '') {
        const wanted = value.trim();
        const matches = keys.flatMap((key, at) => (typeof key === 'string' && key.trim() === wanted ? [at] : []));
        if (matches.length === 0) throw nothingToChange();
        return deleteItems(document, SECTION, matches);
      }
      throw new EditStop(400, { error: 'missing index or value' });
    });
  });
}

/** A JSON array of strings, or `{"items": [...]}` with at least one string (CPA's two PUT forms). */
function stringList(body: unknown): string[] | null {
  const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');
  if (isStrings(body)) return body;
  if (isPlainObject(body) && isStrings(body.items) && body.items.length > 0) return body.items;
  return null;
}
