import { describe, expect, it } from 'vitest';
import { allProviders } from './registry';

describe('the provider registry', () => {
  it("every provider with a model list names its cheapest model for the doctor's hello, and it is on that list", () => {
    const missing = allProviders()
      .filter((provider) => provider.models !== undefined)
      .filter((provider) => provider.helloModel === undefined || !provider.models?.includes(provider.helloModel))
      .map((provider) => provider.id);
    expect(missing).toEqual([]);
  });
});
