/**
 * The engine under test, in this process, with one fake upstream per account type behind it
 * (account-types.ts) and the client recorder hooked into its fastify instance.
 */
import { startTestEngine, testClientKey, type TestEngine } from '../../test/integration/start-test-engine';
import { startAccountTypes, type AccountTypeName, type MatrixAccount } from './account-types';
import { installClientRecorder } from './client-recorder';

export interface Harness {
  engine: TestEngine;
  accounts: Map<AccountTypeName, MatrixAccount>;
  clientKey: string;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  installClientRecorder();
  const setup = await startAccountTypes();
  let engine: TestEngine;
  try {
    // debug: the engine then logs its translation warnings, which the report shows as notes.
    engine = await startTestEngine({ debug: true, ...setup.config }, { authFiles: setup.authFiles, oauthEndpoints: setup.oauthEndpoints });
  } catch (error) {
    await setup.close();
    throw error;
  }
  return {
    engine,
    accounts: new Map(setup.accounts.map((account) => [account.name, account])),
    clientKey: testClientKey,
    close: async () => {
      await engine.close();
      await setup.close();
    },
  };
}
