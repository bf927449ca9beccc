/// <reference types="vite/client" />
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { hueOf, ProviderMark } from './provider-mark';

/** The badge is drawn from what the engine publishes (label, kind), so a new provider needs nothing here. */
describe('ProviderMark', () => {
  it('shows the first two letters of the provider label on a colour chosen from the label', () => {
    const html = renderToStaticMarkup(<ProviderMark account={{ kind: 'oauth', providerLabel: 'iFlow' }} />);
    expect(html).toContain('>iF</span>');
    expect(html).toContain(`provider-hue-${hueOf('iFlow')}`);
    expect(html).toContain('aria-hidden="true"');
  });

  it('skips punctuation in the label and draws a key for API-key entries', () => {
    expect(renderToStaticMarkup(<ProviderMark account={{ kind: 'oauth', providerLabel: '(New) Cloud' }} />)).toContain('>Ne</span>');
    const key = renderToStaticMarkup(<ProviderMark account={{ kind: 'api-key', providerLabel: 'Claude API key' }} />);
    expect(key).toContain('provider-key');
    expect(key).toContain('<svg');
  });

  it('gives the same label the same colour, within the palette, and spreads the five login providers', () => {
    const labels = ['Claude', 'Codex', 'Gemini', 'Qwen', 'iFlow'];
    for (const label of labels) {
      expect(hueOf(label)).toBe(hueOf(label));
      expect(hueOf(label)).toBeGreaterThanOrEqual(0);
      expect(hueOf(label)).toBeLessThan(5);
    }
    expect(new Set(labels.map(hueOf)).size).toBeGreaterThanOrEqual(3);
  });
});
