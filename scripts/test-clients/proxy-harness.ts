/**
 * The engine under test, in this process, with the four fake upstreams behind it (the SDK matrix's
 * fakes and aliases) and the client recorder hooked into its fastify instance.
 */
import { startMatrixUpstreams, type MatrixUpstream } from '../../test/integration/sdk-matrix/matrix-upstreams';
import { startTestEngine, testClientKey, type TestEngine } from '../../test/integration/start-test-engine';
import { installClientRecorder } from './client-recorder';
import type { UpstreamName } from './options';

export interface Harness {
  engine: TestEngine;
  upstreams: Record<UpstreamName, MatrixUpstream>;
  clientKey: string;
  close(): Promise<void>;
}

const kindOf: Record<UpstreamName, MatrixUpstream['kind']> = { openai: 'openai-chat', anthropic: 'anthropic', gemini: 'gemini', responses: 'responses' };

export async function startHarness(): Promise<Harness> {
  installClientRecorder();
  const list = await startMatrixUpstreams();
  const byKind = (name: UpstreamName): MatrixUpstream => {
    const found = list.find((upstream) => upstream.kind === kindOf[name]);
    if (!found) throw new Error(`matrix upstream ${name} missing`);
    return found;
  };
  const upstreams: Record<UpstreamName, MatrixUpstream> = { openai: byKind('openai'), anthropic: byKind('anthropic'), gemini: byKind('gemini'), responses: byKind('responses') };
  let engine: TestEngine;
  try {
    // debug: the engine then logs its translation warnings, which the report shows as notes.
    engine = await startTestEngine(Object.assign({ debug: true }, ...list.map((upstream) => upstream.config)) as Record<string, unknown>);
  } catch (error) {
    await Promise.all(list.map((upstream) => upstream.close()));
    throw error;
  }
  return {
    engine,
    upstreams,
    clientKey: testClientKey,
    close: async () => {
      await engine.close();
      await Promise.all(list.map((upstream) => upstream.close()));
    },
  };
}
