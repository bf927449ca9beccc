import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WireFormat } from '../../src-proxy/canonical/index';
import type { ClientCodec } from '../../src-proxy/protocols/wire-codec';
import { SseParser } from '../../src-proxy/sse/sse-parser';
import { runPipeline, type CaseConfig, type PipelineInput, type PipelineOutput } from './golden-pipeline';

/**
 * Golden tests (ARCHITECTURE.md section 8): every folder `test/golden/<client>__<upstream>/<case>/` is one
 * request through the real translation pipeline, compared exactly with the expected files. See
 * README.md for the layout. `UPDATE_GOLDEN=1 npx vitest run test/golden` rewrites the expected files:
 * read every rewritten file against the vendor's format before committing it.
 *
 * A case whose `case.json` has `knownBug` documents a translation bug: its expected files hold the
 * CORRECT output, the test is `it.fails` until the bug is fixed (then remove `knownBug`). UPDATE_GOLDEN
 * never rewrites such a case.
 */
const root = import.meta.dirname;
const update = process.env['UPDATE_GOLDEN'] === '1';
/** GOLDEN_SHOW_BUGS=1 runs the known-bug cases as ordinary tests, to see their diffs while fixing. */
const showBugs = process.env['GOLDEN_SHOW_BUGS'] === '1';

const clientIds: ReadonlySet<string> = new Set<ClientCodec['id']>(['openai-chat', 'openai-responses', 'anthropic-messages', 'gemini', 'openai-completions']);
const wires: ReadonlySet<string> = new Set<WireFormat>(['openai-chat', 'openai-responses', 'anthropic-messages', 'gemini']);

interface GoldenCase {
  pair: string;
  name: string;
  dir: string;
  client: ClientCodec['id'];
  upstream: WireFormat;
  config: CaseConfig;
}

function discoverCases(): GoldenCase[] {
  const cases: GoldenCase[] = [];
  for (const pair of readdirSync(root).sort()) {
    const pairDir = join(root, pair);
    if (!statSync(pairDir).isDirectory()) continue;
    const [client, upstream, extra] = pair.split('__');
    if (!client || !upstream || extra !== undefined || !clientIds.has(client) || !wires.has(upstream)) {
      throw new Error(`golden folder '${pair}' is not <client>__<upstream>`);
    }
    for (const name of readdirSync(pairDir).sort()) {
      const dir = join(pairDir, name);
      if (!statSync(dir).isDirectory()) continue;
      const config = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as CaseConfig;
      cases.push({ pair, name, dir, client: client as ClientCodec['id'], upstream: upstream as WireFormat, config });
    }
  }
  return cases;
}

function readJson(dir: string, file: string): unknown {
  const path = join(dir, file);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as unknown) : undefined;
}

function inputOf(golden: GoldenCase): PipelineInput {
  const stream = join(golden.dir, 'upstream-stream.sse');
  const input: PipelineInput = {
    client: golden.client,
    upstream: golden.upstream,
    config: golden.config,
    clientRequest: readJson(golden.dir, 'client-request.json') as Record<string, unknown>,
    upstreamResponse: readJson(golden.dir, 'upstream-response.json'),
  };
  if (existsSync(stream)) input.upstreamStream = readFileSync(stream);
  return input;
}

/** SSE text -> events with JSON data parsed, so a mismatch shows as a readable diff. */
function sseEvents(text: string): Array<{ event?: string; data: unknown }> {
  const parser = new SseParser();
  const events = [...parser.push(Buffer.from(text)), ...parser.end()];
  return events.map((event) => {
    let data: unknown = event.data;
    try {
      data = JSON.parse(event.data);
    } catch {
      // [DONE] and other non-JSON data stay text
    }
    return event.event === undefined ? { data } : { event: event.event, data };
  });
}

function writeExpected(golden: GoldenCase, output: PipelineOutput): void {
  writeFileSync(join(golden.dir, 'expected-upstream-request.json'), `${JSON.stringify(output.upstreamRequest, null, 2)}\n`);
  if (output.clientStream !== undefined) writeFileSync(join(golden.dir, 'expected-client-stream.sse'), output.clientStream);
  if (output.clientResponse !== undefined) writeFileSync(join(golden.dir, 'expected-client-response.json'), `${JSON.stringify(output.clientResponse, null, 2)}\n`);
}

function compare(golden: GoldenCase, output: PipelineOutput): void {
  const { dir, config } = golden;
  expect(output.upstreamRequest, 'expected-upstream-request.json').toEqual(readJson(dir, 'expected-upstream-request.json'));
  expect(output.status, 'client status').toBe(config.expectedStatus ?? 200);
  if (config.expectedHeaders) expect(output.clientHeaders, 'client error headers').toMatchObject(config.expectedHeaders);
  const expectedStream = join(dir, 'expected-client-stream.sse');
  if (existsSync(expectedStream)) {
    const expected = readFileSync(expectedStream, 'utf8');
    expect(output.clientStream, 'the case expects a stream').toBeDefined();
    expect(sseEvents(output.clientStream ?? ''), 'expected-client-stream.sse, event by event').toEqual(sseEvents(expected));
    expect(output.clientStream, 'expected-client-stream.sse, byte for byte (framing)').toBe(expected);
  } else {
    expect(output.clientStream, 'a stream came back but the case has no expected-client-stream.sse').toBeUndefined();
  }
  expect(output.clientResponse, 'expected-client-response.json').toEqual(readJson(dir, 'expected-client-response.json'));
}

function checkUpstreamUrl(golden: GoldenCase, output: PipelineOutput): void {
  const model = golden.config.upstreamModel ?? golden.config.model;
  if (golden.upstream === 'gemini') {
    // The Gemini model and streaming mode live in the URL, never in the body.
    const action = golden.config.stream ? 'streamGenerateContent?alt=sse' : 'generateContent';
    expect(output.upstreamUrl).toBe(`https://generativelanguage.googleapis.com/v1beta/models/${model}:${action}`);
  } else {
    expect((output.upstreamRequest as { model?: unknown }).model).toBe(model);
  }
}

const cases = discoverCases();

describe('golden translation cases', () => {
  it('covers every client x upstream pair of the four wires except the same-wire pass-through', () => {
    const pairs = new Set(cases.map((golden) => golden.pair));
    const expected = [...wires].flatMap((client) => [...wires].filter((upstream) => upstream !== client).map((upstream) => `${client}__${upstream}`));
    expect([...pairs].sort()).toEqual(expected.sort());
  });

  for (const golden of cases) {
    const title = `${golden.pair}/${golden.name}: ${golden.config.description}`;
    if (golden.config.knownBug !== undefined && !showBugs) {
      // A documented translation bug (named in case.json and in the final report): fails until fixed.
      it.fails(`${title} [KNOWN BUG: ${golden.config.knownBug}]`, async () => {
        compare(golden, await runPipeline(inputOf(golden)));
      });
      continue;
    }
    it(title, async () => {
      const output = await runPipeline(inputOf(golden));
      checkUpstreamUrl(golden, output);
      if (update && golden.config.knownBug === undefined) writeExpected(golden, output);
      compare(golden, output);
    });
  }
});
