/// <reference types="vite/client" />
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { groupChoicesFor, groupFor } from './usage-groups';
import { UsageScopeSwitch } from './usage-scope-switch';

const ignore = (): void => undefined;

describe('usage page: "This engine / Team"', () => {
  it('is not shown on an engine without the team store', () => {
    expect(renderToStaticMarkup(<UsageScopeSwitch teamStore={false} scope="engine" onScope={ignore} />)).toBe('');
  });

  it('is a labelled radio group with the chosen scope checked on a team server', () => {
    const html = renderToStaticMarkup(<UsageScopeSwitch teamStore scope="team" onScope={ignore} />);
    expect(html).toMatch(/^<fieldset class="segmented-choice"><legend class="field-label">Usage of<\/legend>/);
    expect(html).toMatch(/<input type="radio" name="[^"]+" value="engine"\/><span>This engine<\/span>/);
    expect(html).toMatch(/<input type="radio" name="[^"]+" checked="" value="team"\/><span>Team<\/span>/);
  });

  it('offers "Instance" only in Team scope, and falls back to model when leaving it', () => {
    expect(groupChoicesFor('engine').map(([value]) => value)).toEqual(['model', 'account', 'clientKey', 'provider']);
    expect(groupChoicesFor('team').map(([value]) => value)).toEqual(['model', 'account', 'clientKey', 'provider', 'instance']);
    expect(groupFor('team', 'instance')).toBe('instance');
    expect(groupFor('engine', 'instance')).toBe('model');
    expect(groupFor('engine', 'clientKey')).toBe('clientKey');
  });
});
