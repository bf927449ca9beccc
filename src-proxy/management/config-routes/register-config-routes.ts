import type { FastifyInstance } from 'fastify';
import type { ConfigFile } from '../../config/config-file';
import type { Credential } from '../../routing/credential';
import { registerApiKeyListRoutes } from './api-key-list-routes';
import { registerConfigDocumentRoutes } from './config-document-routes';
import { registerCredentialListRoutes } from './credential-list-routes';
import { registerOAuthMapRoutes } from './oauth-map-routes';
import { registerScalarSettingRoutes } from './scalar-setting-routes';

/**
 * CPA's config routes under /v0/management (docs/management-api.md#config-document, docs/management-api.md#scalar-settings, docs/management-api.md#list-sections). They live in their own fastify scope where
 * every body arrives as text, whatever its content type: PUT /config.yaml takes raw YAML, and the JSON
 * routes answer CPA's `{"error":"invalid body"}` themselves instead of fastify's parser errors. `live` is what the engine
 * serves now: the credential lists show each entry's `auth-index` from it.
 */
export function registerConfigRoutes(app: FastifyInstance, configFile: ConfigFile, live: () => readonly Credential[]): void {
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    registerConfigDocumentRoutes(scope, configFile);
    registerScalarSettingRoutes(scope, configFile);
    registerApiKeyListRoutes(scope, configFile);
    registerCredentialListRoutes(scope, configFile, live);
    registerOAuthMapRoutes(scope, configFile);
  });
}
