import { describe, expect, it } from 'vitest';
import { renderConfigDocument } from '../../config/config-document';
import { parseConfigText } from '../../config/load-config';
import { buildCredentials } from '../../providers/build-credentials';
import { locateConfigEntry, toggleExclusion } from './toggle-config-key-exclusion';

const yaml = `# keys
gemini-api-key:
  - api-key: g-one
  - api-key: g-two # second
    excluded-models: [gemini-2.5-pro]
generative-language-api-key:
  - g-legacy
openai-compatibility:
  - name: Router
    base-url: https://router.example/v1
    api-key-entries:
      - api-key: r-one
      - api-key: r-two
vertex-api-key:
  - api-key: v-no-base
  - api-key: v-one
    base-url: https://zenmux.example.com
`;

function load() {
  const parsed = parseConfigText(yaml, { configDir: '/tmp' });
  if (!parsed.ok) throw new Error('fixture config is invalid');
  return { ...parsed, credentials: buildCredentials(parsed.config) };
}

describe('locateConfigEntry / toggleExclusion', () => {
  it("adds '*' after the entry's own patterns, keeps comments, and removes only '*' again", () => {
    const { config, document, credentials } = load();
    const two = credentials.find((credential) => credential.apiKey === 'g-two');
    const location = two ? locateConfigEntry(two, config) : null;
    expect(location).toEqual({ section: 'gemini-api-key', index: 1 });
    expect(location && toggleExclusion(document, location, true)).toBe(true);
    const disabled = renderConfigDocument(document);
    expect(disabled).toContain('# second');
    expect(parseConfigText(disabled, { configDir: '/tmp' })).toMatchObject({ ok: true, config: { geminiApiKey: [{}, { excludedModels: ['gemini-2.5-pro', '*'] }, {}] } });
    if (location) toggleExclusion(document, location, false);
    expect(parseConfigText(renderConfigDocument(document), { configDir: '/tmp' })).toMatchObject({ ok: true, config: { geminiApiKey: [{}, { excludedModels: ['gemini-2.5-pro'] }, {}] } });
  });

  it('drops an emptied list, finds an openai-compatibility entry by any of its keys, and has no entry for legacy keys', () => {
    const { config, document, credentials } = load();
    const routerTwo = credentials.find((credential) => credential.apiKey === 'r-two');
    const location = routerTwo ? locateConfigEntry(routerTwo, config) : null;
    expect(location).toEqual({ section: 'openai-compatibility', index: 0 });
    if (location) toggleExclusion(document, location, true);
    expect(document.getIn(['openai-compatibility', 0, 'excluded-models'])?.toString()).toContain('*');
    if (location) toggleExclusion(document, location, false);
    expect(document.hasIn(['openai-compatibility', 0, 'excluded-models'])).toBe(false);
    const legacy = credentials.find((credential) => credential.apiKey === 'g-legacy');
    const legacyLocation = legacy ? locateConfigEntry(legacy, config) : null;
    expect(legacyLocation).toEqual({ section: 'gemini-api-key', index: 2 });
    expect(legacyLocation && toggleExclusion(document, legacyLocation, true)).toBe(false);
  });

  it("finds any provider's API-key section through the registry (a vertex-api-key entry)", () => {
    const { config, document, credentials } = load();
    const vertex = credentials.find((credential) => credential.apiKey === 'v-one');
    const location = vertex ? locateConfigEntry(vertex, config) : null;
    expect(location).toEqual({ section: 'vertex-api-key', index: 1 });
    expect(location && toggleExclusion(document, location, true)).toBe(true);
    expect(document.getIn(['vertex-api-key', 1, 'excluded-models'])?.toString()).toContain('*');
  });
});
