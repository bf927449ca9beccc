import type { ZodType } from 'zod';
import type { CanonicalUsage, WireFormat } from '../../canonical/index';
import type { ChunkHandlers } from '../../http/dispatch-upstream';
import { upstreamUsageSchema as anthropicUsageSchema, type AnthropicUsage } from '../../protocols/anthropic-messages/anthropic-messages-schemas';
import { convertAnthropicUsageToCanonical, mergeAnthropicUsage } from '../../protocols/anthropic-messages/convert-anthropic-messages-usage';
import { decodeGeminiUsage } from '../../protocols/gemini/convert-gemini-usage';
import { geminiUsageSchema } from '../../protocols/gemini/gemini-schemas';
import { convertOpenAIChatUsage } from '../../protocols/openai-chat/convert-openai-chat-usage';
import { openaiChatUpstreamUsageSchema } from '../../protocols/openai-chat/openai-chat-schemas';
import { convertOpenAIResponsesUsage } from '../../protocols/openai-responses/convert-openai-responses-usage';
import { upstreamUsageSchema as responsesUsageSchema } from '../../protocols/openai-responses/openai-responses-schemas';
import type { CommittedStream } from '../sse/pipe-committed-stream';
import type { StreamingReply } from './attempt-upstream';
import { indexOfKey, jsonObjectEnd, keyPattern, objectAfterKey, objectValueStart, parseJson, trailingKeyPrefix, undecided, type KeyPattern } from './find-json-object';

/** Where a wire reports usage and how its reports become canonical usage (the protocols' own converters). */
interface WireUsageFormat {
  /** The quoted key whose object value is a usage report. */
  key: KeyPattern;
  /**
   * Anthropic reports usage in parts (input in message_start, output in message_delta) that are merged;
   * the other wires repeat cumulative totals, so their last report is the whole answer.
   */
  merges: boolean;
  decode(reports: unknown[]): CanonicalUsage | undefined;
}

const usageKey = keyPattern('"usage"', 'g');

const wireUsageFormats: Record<WireFormat, WireUsageFormat> = {
  // OpenAI chat `usage` (prompt_tokens_details.cached_tokens, completion_tokens_details.reasoning_tokens).
  'openai-chat': { key: usageKey, merges: false, decode: (reports) => decodeOpenAIChatReport(reports.at(-1)) },
  // Responses `response.usage` (input_tokens_details.cached_tokens, output_tokens_details.reasoning_tokens).
  'openai-responses': { key: usageKey, merges: false, decode: (reports) => decodeWith(responsesUsageSchema, reports.at(-1), convertOpenAIResponsesUsage) },
  // Anthropic message usage; input = input_tokens + cache_creation + cache_read, cached = cache_read.
  'anthropic-messages': { key: usageKey, merges: true, decode: decodeAnthropicReports },
  // Gemini `usageMetadata` (cachedContentTokenCount, thoughtsTokenCount).
  gemini: { key: keyPattern('"usageMetadata"', 'M'), merges: false, decode: (reports) => decodeWith(geminiUsageSchema, reports.at(-1), decodeGeminiUsage) },
};

/** A usage report is small; a key whose object is still open after this many bytes is given up. */
const maxCarryBytes = 16 * 1024;

/**
 * The usage of a whole upstream JSON body (pass-through, not streamed). Usage is a top-level field that
 * every wire writes after the content, so the last occurrence of the key is the one.
 */
export function readBufferedUsage(wire: WireFormat, body: Buffer): CanonicalUsage | undefined {
  const format = wireUsageFormats[wire];
  const keyAt = body.lastIndexOf(format.key.bytes);
  if (keyAt === -1) return undefined;
  const report = objectAfterKey(body, keyAt, format.key);
  return report === undefined ? undefined : format.decode([report]);
}

/**
 * The usage of a pass-through stream, read off the upstream bytes as they go by: each chunk is searched
 * for the wire's usage key (`indexOfKey`), and only the object after it is copied out; nothing
 * is parsed until `usage()` is asked, once, at the end. A key or object cut by a chunk boundary is
 * completed with the next chunk.
 */
export class StreamUsageReader {
  private readonly format: WireUsageFormat;
  private readonly reports: string[] = [];
  /** Bytes of the previous chunk that may begin a key or hold an unfinished report. */
  private carry: Buffer | undefined;

  constructor(wire: WireFormat) {
    this.format = wireUsageFormats[wire];
  }

  push(chunk: Buffer): void {
    const bytes = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = undefined;
    const { key } = this.format;
    let from = 0;
    for (let keyAt = indexOfKey(bytes, key, 0); keyAt !== -1; keyAt = indexOfKey(bytes, key, from)) {
      const start = objectValueStart(bytes, keyAt + key.bytes.length);
      const end = start >= 0 ? jsonObjectEnd(bytes, start) : -1;
      if (start === undecided || (start >= 0 && end === -1)) {
        // The rest of this report comes with the next chunk.
        if (bytes.length - keyAt <= maxCarryBytes) this.carry = Buffer.from(bytes.subarray(keyAt));
        return;
      }
      if (start === -1) {
        from = keyAt + key.bytes.length;
        continue;
      }
      this.keep(bytes.toString('utf8', start, end));
      from = end;
    }
    const cut = trailingKeyPrefix(bytes, key);
    if (cut > 0) this.carry = Buffer.from(bytes.subarray(bytes.length - cut));
  }

  /** The usage reported so far; undefined when the upstream reported none. */
  usage(): CanonicalUsage | undefined {
    if (this.reports.length === 0) return undefined;
    return this.format.decode(this.reports.map(parseJson));
  }

  private keep(report: string): void {
    if (this.format.merges) this.reports.push(report);
    else this.reports[0] = report;
  }
}

function decodeWith<T>(schema: ZodType<T>, report: unknown, convert: (usage: T) => CanonicalUsage): CanonicalUsage | undefined {
  const parsed = schema.safeParse(report);
  return parsed.success ? convert(parsed.data) : undefined;
}

function decodeOpenAIChatReport(report: unknown): CanonicalUsage | undefined {
  // The schema is tolerant (never throws): anything but an object reads as no usage.
  const usage = openaiChatUpstreamUsageSchema.parse(report);
  return usage ? convertOpenAIChatUsage(usage) : undefined;
}

function decodeAnthropicReports(reports: unknown[]): CanonicalUsage | undefined {
  let merged: AnthropicUsage | undefined;
  for (const report of reports) {
    const parsed = anthropicUsageSchema.safeParse(report);
    if (parsed.success) merged = mergeAnthropicUsage(merged ?? {}, parsed.data);
  }
  return merged && convertAnthropicUsageToCanonical(merged);
}

/** A pass-through stream as the client gets it, with its bytes read for usage on the way (first chunk included). */
export function tapPassThroughUsage(reply: StreamingReply, wire: WireFormat): { stream: CommittedStream; usage: () => CanonicalUsage | undefined } {
  const reader = new StreamUsageReader(wire);
  reader.push(reply.first);
  const source = new UsageTappedSource(reply.source, reader);
  return { stream: { status: reply.status, contentType: reply.contentType, first: reply.first, source, cancel: reply.cancel }, usage: () => reader.usage() };
}

type StreamSource = CommittedStream['source'];

/** The upstream body with every chunk also handed to the usage reader: one object, not a closure per callback. */
class UsageTappedSource implements StreamSource, ChunkHandlers {
  private handlers: ChunkHandlers | undefined;

  constructor(
    private readonly inner: StreamSource,
    private readonly reader: StreamUsageReader,
  ) {}

  pipe(handlers: ChunkHandlers): { resume(): void } {
    this.handlers = handlers;
    return this.inner.pipe(this);
  }

  onChunk(chunk: Buffer): boolean {
    this.reader.push(chunk);
    return this.handlers?.onChunk(chunk) ?? false;
  }

  onEnd(): void {
    this.handlers?.onEnd();
  }

  onError(error: Error): void {
    this.handlers?.onError(error);
  }
}
