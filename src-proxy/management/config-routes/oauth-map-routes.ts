import type { FastifyInstance } from 'fastify';
import { isMap, type Document } from 'yaml';
import type { ConfigFile } from '../../config/config-file';
import { deleteConfigValue, setConfigValue } from '../../config/config-document';
import { MANAGEMENT_PREFIX } from '../create-management-guard';
import { applyConfigEdit, EditStop, isPlainObject, parseJsonBody, readConfigObject } from './config-edit';
import { findMapKey, setMapEntry } from './document-list';

/** One channel -> list map of docs/management-api.md#list-sections (channels are OAuth provider keys, compared lower-cased). */
interface OAuthMapSection {
  name: 'oauth-excluded-models' | 'oauth-model-alias';
  /** PATCH body key holding the list. */
  listField: 'models' | 'aliases';
  /** Accepted names of the channel in PATCH bodies and DELETE queries, first one preferred. */
  channelFields: readonly ('provider' | 'channel')[];
  notFound: string;
  /** Removing the last channel leaves `{}` (CPA keeps an emptied alias map, so the deletion outlasts a reload); otherwise the key goes. */
  keepEmpty: boolean;
  /** The list as CPA stores it, or null when an item has the wrong type. */
  normalize(list: unknown[]): unknown[] | null;
}

const SECTIONS: readonly OAuthMapSection[] = [
  {
    name: 'oauth-excluded-models',
    listField: 'models',
    channelFields: ['provider'],
    notFound: 'provider not found',
    keepEmpty: false,
    // docs/config.md#loading-and-normalisation: trimmed, lower-cased, de-duplicated, empty patterns dropped.
    normalize: (list) => (list.every((item) => typeof item === 'string') ? [...new Set(list.map((item) => item.trim().toLowerCase()).filter(Boolean))] : null),
  },
  {
    name: 'oauth-model-alias',
    listField: 'aliases',
    channelFields: ['channel', 'provider'],
    notFound: 'channel not found',
    keepEmpty: true,
    normalize: (list) => (list.every(isPlainObject) ? list : null),
  },
];

/**
 * docs/management-api.md#list-sections, the OAuth maps:
 *   GET    -> {"<section>": {channel: [...]}}
 *   PUT    {channel: [...]} or {"items": {...}} replaces the map (channel keys lower-cased, empty ones dropped)
 *   PATCH  {"provider"|"channel": ch, "models"|"aliases": [...]}: sets one channel; an empty list removes it (404 if absent)
 *   DELETE ?provider= (alias: ?channel= too)
 */
export function registerOAuthMapRoutes(app: FastifyInstance, configFile: ConfigFile): void {
  for (const section of SECTIONS) {
    const url = `${MANAGEMENT_PREFIX}/${section.name}`;
    app.get(url, async (_request, reply) => {
      const map = (await readConfigObject(configFile))[section.name];
      return reply.send({ [section.name]: isPlainObject(map) ? map : {} });
    });
    app.put(url, async (request, reply) => {
      const map = normalizeMap(section, parseJsonBody(request.body));
      if (map === null) return reply.code(400).send({ error: 'invalid body' });
      return applyConfigEdit(reply, configFile, (document) => setConfigValue(document, [section.name], map));
    });
    app.patch(url, async (request, reply) => {
      const body = parseJsonBody(request.body);
      const channel = isPlainObject(body) ? channelOf(section, body) : '';
      const list = isPlainObject(body) ? section.normalize(Array.isArray(body[section.listField]) ? (body[section.listField] as unknown[]) : []) : null;
      if (channel === '' || list === null) return reply.code(400).send({ error: 'invalid body' });
      return applyConfigEdit(reply, configFile, (document) => {
        const existing = findMapKey(document, section.name, channel);
        if (list.length > 0) return setMapEntry(document, section.name, existing ?? channel, list);
        if (existing === null) throw new EditStop(404, { error: section.notFound });
        deleteChannel(document, section, existing);
      });
    });
    app.delete<{ Querystring: Record<string, string | undefined> }>(url, async (request, reply) => {
      const channel = channelOf(section, request.query);
      if (channel === '') return reply.code(400).send({ error: `missing ${section.channelFields[0] ?? 'channel'}` });
      return applyConfigEdit(reply, configFile, (document) => {
        const existing = findMapKey(document, section.name, channel);
        if (existing === null) throw new EditStop(404, { error: section.notFound });
        deleteChannel(document, section, existing);
      });
    });
  }
}

function deleteChannel(document: Document, section: OAuthMapSection, channel: string): void {
  deleteConfigValue(document, [section.name, channel]);
  const map = document.getIn([section.name]);
  if (!section.keepEmpty && isMap(map) && map.items.length === 0) deleteConfigValue(document, [section.name]);
}

function channelOf(section: OAuthMapSection, source: Record<string, unknown>): string {
  for (const field of section.channelFields) {
    const value = source[field];
    if (typeof value === 'string' && value.trim() !== '') return value.trim().toLowerCase();
  }
  return '';
}

/** A {channel: list} map, or `{"items": {...}}`; null when any list is not a list of the right items. */
function normalizeMap(section: OAuthMapSection, body: unknown): Record<string, unknown[]> | null {
  if (!isPlainObject(body)) return null;
  const source = isPlainObject(body.items) ? body.items : body;
  const map: Record<string, unknown[]> = {};
  for (const [channel, list] of Object.entries(source)) {
    if (!Array.isArray(list)) return null;
    const normalized = section.normalize(list);
    if (normalized === null) return null;
    const key = channel.trim().toLowerCase();
    if (key !== '' && normalized.length > 0) map[key] = normalized;
  }
  return map;
}
