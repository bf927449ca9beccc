import type { CanonicalStreamPart } from '../../canonical/index';

/**
 * Content-block events of an Anthropic stream (content_block_start / _delta / _stop, "Streaming
 * Messages" guide) -> canonical block parts. The Anthropic block `index` is unique per message, so it is
 * used as the canonical index.
 */
export type OpenBlock = { kind: 'text' } | { kind: 'reasoning' } | { kind: 'tool'; argumentsSeen: boolean } | { kind: 'ignored' };

export interface BlockState {
  /** Open blocks by index. */
  blocks: Map<number, OpenBlock>;
  /** Every index ever started: a repeated start is ignored (canonical indexes are unique per response). */
  usedIndexes: Set<number>;
}

type Json = Record<string, unknown>;

function asRecord(value: unknown): Json {
  return typeof value === 'object' && value !== null ? (value as Json) : {};
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function decodeBlockStart(state: BlockState, data: Json): CanonicalStreamPart[] {
  const index = data['index'];
  if (typeof index !== 'number' || state.usedIndexes.has(index)) return [];
  state.usedIndexes.add(index);
  const block = asRecord(data['content_block']);
  switch (block['type']) {
    case 'text': {
      state.blocks.set(index, { kind: 'text' });
      const initial = text(block['text']);
      return [{ type: 'text-start', index }, ...(initial ? [{ type: 'text-delta' as const, index, delta: initial }] : [])];
    }
    case 'thinking':
      return startThinking(state, index, text(block['thinking']), text(block['signature']));
    case 'redacted_thinking':
      state.blocks.set(index, { kind: 'reasoning' });
      return [
        { type: 'reasoning-start', index, redacted: true },
        { type: 'reasoning-signature', index, signature: text(block['data']), format: 'anthropic' },
      ];
    case 'tool_use':
      return startToolUse(state, index, block);
    default:
      // server_tool_use, web_search_tool_result...: Anthropic-hosted tools, nothing the hub can carry.
      state.blocks.set(index, { kind: 'ignored' });
      return [];
  }
}

function startThinking(state: BlockState, index: number, initial: string, signature: string): CanonicalStreamPart[] {
  state.blocks.set(index, { kind: 'reasoning' });
  const parts: CanonicalStreamPart[] = [{ type: 'reasoning-start', index }];
  if (initial) parts.push({ type: 'reasoning-delta', index, delta: initial });
  if (signature) parts.push({ type: 'reasoning-signature', index, signature, format: 'anthropic' });
  return parts;
}

function startToolUse(state: BlockState, index: number, block: Json): CanonicalStreamPart[] {
  const parts: CanonicalStreamPart[] = [{ type: 'tool-call-start', index, id: text(block['id']), name: text(block['name']) }];
  // Anthropic sends `input: {}` here and the arguments as deltas; some compatible servers send it whole.
  const input = block['input'];
  const initial = typeof input === 'object' && input !== null && Object.keys(input).length > 0 ? JSON.stringify(input) : '';
  state.blocks.set(index, { kind: 'tool', argumentsSeen: initial !== '' });
  if (initial) parts.push({ type: 'tool-call-delta', index, argumentsDelta: initial });
  return parts;
}

export function decodeBlockDelta(state: BlockState, data: Json): CanonicalStreamPart[] {
  const index = data['index'];
  const open = typeof index === 'number' ? state.blocks.get(index) : undefined;
  if (typeof index !== 'number' || !open) return [];
  const delta = asRecord(data['delta']);
  switch (delta['type']) {
    case 'text_delta':
      return open.kind === 'text' && text(delta['text']) ? [{ type: 'text-delta', index, delta: text(delta['text']) }] : [];
    case 'thinking_delta':
      return open.kind === 'reasoning' && text(delta['thinking']) ? [{ type: 'reasoning-delta', index, delta: text(delta['thinking']) }] : [];
    case 'signature_delta':
      return open.kind === 'reasoning' && text(delta['signature'])
        ? [{ type: 'reasoning-signature', index, signature: text(delta['signature']), format: 'anthropic' }]
        : [];
    case 'input_json_delta': {
      const fragment = text(delta['partial_json']);
      if (open.kind !== 'tool' || fragment === '') return [];
      open.argumentsSeen = true;
      return [{ type: 'tool-call-delta', index, argumentsDelta: fragment }];
    }
    default:
      // citations_delta and future delta types: not carried.
      return [];
  }
}

export function decodeBlockStop(state: BlockState, data: Json): CanonicalStreamPart[] {
  const index = data['index'];
  if (typeof index !== 'number') return [];
  return closeBlock(state, index);
}

/** Closes one block; a tool call that streamed no arguments gets `{}` so its arguments are valid JSON. */
export function closeBlock(state: BlockState, index: number): CanonicalStreamPart[] {
  const open = state.blocks.get(index);
  state.blocks.delete(index);
  switch (open?.kind) {
    case 'text':
      return [{ type: 'text-end', index }];
    case 'reasoning':
      return [{ type: 'reasoning-end', index }];
    case 'tool':
      return [...(open.argumentsSeen ? [] : [{ type: 'tool-call-delta' as const, index, argumentsDelta: '{}' }]), { type: 'tool-call-end', index }];
    case 'ignored':
    case undefined:
      return [];
  }
}

export function closeAllBlocks(state: BlockState): CanonicalStreamPart[] {
  return [...state.blocks.keys()].sort((a, b) => a - b).flatMap((index) => closeBlock(state, index));
}
