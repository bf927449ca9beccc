/**
 * What Antigravity's own client sends (docs/providers.md#antigravity-executor). CPA reads the current
 * version from the app's update manifest; this app does not call out for it and reports CPA's floor,
 * which Cloud Code accepts for every current model.
 */
export const antigravityVersion = '2.9.1';

/** The short User-Agent of model calls and `loadCodeAssist`: `antigravity/hub/<version> darwin/arm64`. */
export const antigravityUserAgent = `antigravity/hub/${antigravityVersion} darwin/arm64`;

/** The long User-Agent and `X-Goog-Api-Client` of `onboardUser` (the Node control plane). */
export const antigravityOnboardUserAgent = `${antigravityUserAgent} google-api-nodejs-client/10.3.0`;
export const antigravityGoogApiClient = 'gl-node/22.21.1';

