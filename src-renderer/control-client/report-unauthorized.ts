import type { ControlClient } from './control-client';

/**
 * The same client, but an UNAUTHORIZED answer (the management key stopped working) also calls
 * `onUnauthorized`, so the shell can go back to sign-in whichever page made the call.
 */
export function reportUnauthorized(client: ControlClient, onUnauthorized: (message: string) => void): ControlClient {
  return {
    transport: client.transport,
    capabilities: client.capabilities,
    managementKey: client.managementKey,
    async invoke(operation, input) {
      const result = await client.invoke(operation, input);
      if (!result.ok && result.error.code === 'UNAUTHORIZED') onUnauthorized(result.error.message);
      return result;
    },
    on: (event, listener) => client.on(event, listener),
  };
}
