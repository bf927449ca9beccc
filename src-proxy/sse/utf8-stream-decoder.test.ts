import { describe, expect, it } from 'vitest';
import { Utf8StreamDecoder } from './utf8-stream-decoder';

/** What a streaming WHATWG TextDecoder makes of the same chunks: the reference. */
function textDecoderResult(chunks: Uint8Array[]): string {
  const decoder = new TextDecoder('utf-8');
  return chunks.map((chunk) => decoder.decode(chunk, { stream: true })).join('') + decoder.decode();
}

function decoded(chunks: Uint8Array[]): { text: string; pieces: string[] } {
  const decoder = new Utf8StreamDecoder();
  const pieces = chunks.map((chunk) => decoder.decode(chunk));
  pieces.push(decoder.end());
  return { text: pieces.join(''), pieces };
}

/** Every way to cut `bytes` into two chunks, plus three-way cuts around each position. */
function splits(bytes: Buffer): Buffer[][] {
  const result: Buffer[][] = [[bytes]];
  for (let cut = 0; cut <= bytes.length; cut += 1) {
    result.push([bytes.subarray(0, cut), bytes.subarray(cut)]);
    if (cut + 1 <= bytes.length) result.push([bytes.subarray(0, cut), bytes.subarray(cut, cut + 1), bytes.subarray(cut + 1)]);
  }
  return result;
}

describe('Utf8StreamDecoder', () => {
  const samples: Record<string, Buffer> = {
    ascii: Buffer.from('data: {"a":1}\n\n'),
    multibyte: Buffer.from('data: {"text":"é ✓ 😀 中"}\n\n'),
    'byte order mark': Buffer.from('\uFEFFdata: x\n\n'),
    'byte order mark twice': Buffer.from('\uFEFF\uFEFFx'),
    'invalid bytes': Buffer.from([0x64, 0xff, 0x61, 0xc3, 0x28, 0xe2, 0x82, 0x41, 0xf0, 0x9f, 0x98, 0x0a]),
    'cut at the end': Buffer.from([0x61, 0xe2, 0x82]),
  };
  for (const [name, bytes] of Object.entries(samples)) {
    it(`gives what a streaming TextDecoder gives: ${name}, cut anywhere`, () => {
      for (const chunks of splits(bytes)) expect(decoded(chunks).text).toBe(textDecoderResult(chunks));
    });
  }

  it('holds a character cut between chunks until its last byte comes', () => {
    const smile = Buffer.from('😀');
    expect(decoded([Buffer.from('a'), smile.subarray(0, 2), smile.subarray(2), Buffer.from('b')]).pieces).toEqual(['a', '', '😀', 'b', '']);
  });

  it('drops the byte order mark only at the start of the stream', () => {
    expect(decoded([Buffer.from(''), Buffer.from('\uFEFFa'), Buffer.from('\uFEFFb')]).text).toBe('a\uFEFFb');
  });

  it('takes a Uint8Array view into a larger buffer', () => {
    const backing = new Uint8Array([0x78, 0x68, 0x69, 0x78]);
    expect(decoded([backing.subarray(1, 3)]).text).toBe('hi');
  });
});
