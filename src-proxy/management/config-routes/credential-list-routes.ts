import type { FastifyInstance } from 'fastify';
import type { Document } from 'yaml';
import type { ConfigFile } from '../../config/config-file';
import { deleteConfigValue, setConfigValue } from '../../config/config-document';
import type { Credential } from '../../routing/credential';
import { MANAGEMENT_PREFIX } from '../create-management-guard';
import { applyConfigEdit, EditStop, isPlainObject, nothingToChange, parseIndex, parseJsonBody, readConfigObject } from './config-edit';
import { withAuthIndexes, withoutAuthIndex } from './credential-auth-index';
import { checkWeight, CREDENTIAL_SECTIONS, NULL_CLEARS, type CredentialSection } from './credential-sections';
import { deleteItems, readList } from './document-list';

type Entry = Record<string, unknown>;
interface Query {
  index?: string;
  'api-key'?: string;
  'base-url'?: string;
  name?: string;
}

/**
 * docs/management-api.md#list-sections, the credential lists (gemini, claude, codex, vertex API keys and openai-compatibility):
 *   GET    -> {"<section>": [...]}, each entry the engine serves from with its `auth-index` (`live`: the engine's credentials)
 *   PUT    [..] or {"items": [..]} replaces the list (entries checked, openai-compatibility without base-url dropped, `auth-index` not stored)
 *   PATCH  {"index" | "match" (openai-compatibility: "name"), "value": {...}}: merges only the fields in value;
 *          ?base-url= narrows a match; 400 several matches, 404 none
 *   DELETE ?api-key=[&base-url=] | ?name= | ?index=
 * Indexes are positions in the file's list, the list GET shows.
 */
export function registerCredentialListRoutes(app: FastifyInstance, configFile: ConfigFile, live: () => readonly Credential[]): void {
  for (const section of CREDENTIAL_SECTIONS) {
    const url = `${MANAGEMENT_PREFIX}/${section.name}`;
    app.get(url, async (_request, reply) => {
      const entries = (await readConfigObject(configFile))[section.name];
      return reply.send({ [section.name]: Array.isArray(entries) ? withAuthIndexes(section.name, entries, live()) : [] });
    });
    app.put(url, async (request, reply) => {
      const entries = entryList(parseJsonBody(request.body));
      if (entries === null) return reply.code(400).send({ error: 'invalid body' });
      const kept = entries.map(withoutAuthIndex).filter((entry) => !section.dropOnPut?.(entry));
      const problem = kept.map((entry, index) => describeProblem(section, entry, index)).find((found) => found !== null);
      if (problem) return reply.code(400).send({ error: problem });
      return applyConfigEdit(reply, configFile, (document) => setConfigValue(document, [section.name], kept));
    });
    app.patch<{ Querystring: Query }>(url, async (request, reply) => {
      const body = parseJsonBody(request.body);
      if (!isPlainObject(body) || !isPlainObject(body.value)) return reply.code(400).send({ error: 'invalid body' });
      const value = withoutAuthIndex(body.value);
      return applyConfigEdit(reply, configFile, (document) => {
        const index = findTarget(section, readList(document, section.name), body, request.query['base-url']);
        mergeFields(document, section, index, value);
        const merged = readList(document, section.name)[index];
        const entry = isPlainObject(merged) ? merged : {};
        if (section.isEmpty?.(entry)) return deleteItems(document, section.name, [index]);
        const problem = describeProblem(section, entry, index);
        if (problem) throw new EditStop(400, { error: problem });
      });
    });
    app.delete<{ Querystring: Query }>(url, async (request, reply) =>
      applyConfigEdit(reply, configFile, (document) => deleteEntries(document, section, request.query)),
    );
  }
}

/** PATCH's target: `index` when in range, else the one entry whose identity equals `match`/`name`. */
function findTarget(section: CredentialSection, entries: unknown[], body: Entry, baseUrl: string | undefined): number {
  const { index } = body;
  if (typeof index === 'number' && Number.isInteger(index) && index >= 0 && index < entries.length) return index;
  const wanted = body[section.identity === 'name' ? 'name' : 'match'];
  if (typeof wanted !== 'string') throw new EditStop(404, { error: 'item not found' });
  const matches = matching(section, entries, wanted, baseUrl);
  if (matches.length > 1) throw new EditStop(400, { error: 'multiple items match; index is required' });
  const [only] = matches;
  if (only === undefined) throw new EditStop(404, { error: 'item not found' });
  return only;
}

/** Only the fields present in `value` change (CPA HEAD); each is set in place, so the entry's other fields and comments stay. */
function mergeFields(document: Document, section: CredentialSection, index: number, value: Entry): void {
  for (const [field, fieldValue] of Object.entries(value)) {
    if (!section.patchFields.includes(field)) continue;
    if (fieldValue === null) {
      if (NULL_CLEARS.has(field)) deleteConfigValue(document, [section.name, index, field]);
    } else {
      setConfigValue(document, [section.name, index, field], fieldValue);
    }
  }
}

function deleteEntries(document: Document, section: CredentialSection, query: Query): void {
  const entries = readList(document, section.name);
  const identity = section.identity === 'name' ? query.name : query['api-key'];
  if (identity !== undefined && identity.trim() !== '') {
    const matches = matching(section, entries, identity, query['base-url']);
    if (section.identity === 'api-key' && query['base-url'] === undefined && matches.length > 1) {
      throw new EditStop(400, { error: 'multiple items match api-key; base-url is required' });
    }
    if (matches.length === 0) throw section.missingDeleteIs404 ? new EditStop(404, { error: 'item not found' }) : nothingToChange();
    return deleteItems(document, section.name, matches);
  }
  const index = parseIndex(query.index);
  if (index !== null && index < entries.length) return deleteItems(document, section.name, [index]);
  throw new EditStop(400, { error: section.identity === 'name' ? 'missing name or index' : 'missing api-key or index' });
}

/** Positions of the entries whose identity (trimmed) is `wanted`, narrowed to an exact base-url when one is given. */
function matching(section: CredentialSection, entries: unknown[], wanted: string, baseUrl: string | undefined): number[] {
  const field = section.identity;
  return entries.flatMap((entry, index) => {
    if (!isPlainObject(entry) || trimmed(entry[field]) !== wanted.trim()) return [];
    if (baseUrl !== undefined && trimmed(entry['base-url']) !== baseUrl.trim()) return [];
    return [index];
  });
}

function describeProblem(section: CredentialSection, entry: Entry, index: number): string | null {
  const problem = checkWeight(entry) ?? section.check?.(entry) ?? null;
  return problem === null ? null : `${section.name}[${index}].${problem}`;
}

/** A JSON array of objects, or `{"items": [...]}` with at least one (CPA's two PUT forms). */
function entryList(body: unknown): Entry[] | null {
  const isEntries = (value: unknown): value is Entry[] => Array.isArray(value) && value.every(isPlainObject);
  if (isEntries(body)) return body;
  if (isPlainObject(body) && isEntries(body.items) && body.items.length > 0) return body.items;
  return null;
}

function trimmed(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}
