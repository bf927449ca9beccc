import { describe, expect, it } from 'vitest';
import { cleanGeminiJsonSchema } from './clean-gemini-json-schema';

describe('cleanGeminiJsonSchema', () => {
  it('keeps a plain object schema as it is', () => {
    const schema = {
      type: 'object',
      properties: { path: { type: 'string', description: 'File path' }, depth: { type: 'integer', minimum: 0, maximum: 5 } },
      required: ['path'],
    };
    expect(cleanGeminiJsonSchema(schema)).toEqual(schema);
  });

  it('does not modify its input', () => {
    const schema = { type: 'object', properties: { a: { type: ['string', 'null'] } }, required: ['a'], $schema: 'x' };
    const copy = structuredClone(schema);
    cleanGeminiJsonSchema(schema);
    expect(schema).toEqual(copy);
  });

  it('returns an empty object schema for a missing or non-object schema', () => {
    expect(cleanGeminiJsonSchema(undefined)).toEqual({ type: 'object', properties: {} });
    expect(cleanGeminiJsonSchema('nope')).toEqual({ type: 'object', properties: {} });
  });

  it('removes meta keywords, keeps a property named like a keyword (spec C21)', () => {
    const schema = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: 'root',
      $comment: 'c',
      type: 'object',
      properties: {
        payload: {
          type: 'object',
          $comment: 'x',
          prefill: 'hello',
          properties: { mode: { type: 'string', enum: ['a', 'b'], enumDescriptions: ['A', 'B'], enumTitles: ['a', 'b'] } },
          patternProperties: { '^x': { type: 'string' } },
        },
        $id: { type: 'string', description: 'an id' },
        pattern: { type: 'string', description: 'The regex pattern' },
      },
    };
    expect(cleanGeminiJsonSchema(schema)).toEqual({
      type: 'object',
      properties: {
        payload: { type: 'object', properties: { mode: { type: 'string', enum: ['a', 'b'], description: 'Allowed: a, b' } } },
        $id: { type: 'string', description: 'an id' },
        pattern: { type: 'string', description: 'The regex pattern' },
      },
    });
  });

  it('turns const into a one-value enum and stringifies enum values', () => {
    const cleaned = cleanGeminiJsonSchema({
      type: 'object',
      properties: { kind: { type: 'string', const: 'Viz' }, level: { type: 'integer', enum: [1, 2, 3] } },
    });
    expect(cleaned).toEqual({
      type: 'object',
      properties: {
        kind: { type: 'string', enum: ['Viz'] },
        level: { type: 'string', enum: ['1', '2', '3'], description: 'Allowed: 1, 2, 3' },
      },
    });
  });

  it('gives no Allowed hint for a single value or more than ten values', () => {
    const many = Array.from({ length: 11 }, (_, index) => `v${index}`);
    const cleaned = cleanGeminiJsonSchema({ type: 'object', properties: { one: { enum: ['x'] }, lots: { type: 'string', enum: many } } });
    expect(cleaned['properties']).toEqual({ one: { type: 'string', enum: ['x'] }, lots: { type: 'string', enum: many } });
  });

  it('moves unsupported constraints into the description, keeps minimum/maximum', () => {
    const cleaned = cleanGeminiJsonSchema({
      type: 'object',
      additionalProperties: false,
      properties: {
        name: { type: 'string', description: 'User name', minLength: 3, maxLength: 20, pattern: '^[a-z]+$', format: 'email' },
        tags: { type: 'array', items: { type: 'string' }, minItems: 1, uniqueItems: true },
        count: { type: 'number', minimum: 1, maximum: 9, exclusiveMaximum: 10, default: 3, multipleOf: 1 },
      },
    });
    expect(cleaned).toEqual({
      type: 'object',
      description: 'No extra properties allowed',
      properties: {
        name: { type: 'string', description: 'User name (minLength: 3) (maxLength: 20) (pattern: ^[a-z]+$) (format: email)' },
        tags: { type: 'array', items: { type: 'string' }, description: 'minItems: 1 (uniqueItems: true)' },
        count: { type: 'number', minimum: 1, maximum: 9, multipleOf: 1, description: 'exclusiveMaximum: 10 (default: 3)' },
      },
    });
  });

  it('is idempotent: cleaning a cleaned schema changes nothing', () => {
    const schema = {
      type: 'object',
      properties: {
        a: { type: ['string', 'null'], minLength: 2 },
        b: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
        c: { enum: ['x', 'y'] },
      },
      required: ['a', 'b'],
    };
    const once = cleanGeminiJsonSchema(schema);
    expect(cleanGeminiJsonSchema(once)).toEqual(once);
  });

  it('flattens nullable type arrays and drops the property from required', () => {
    const cleaned = cleanGeminiJsonSchema({
      type: 'object',
      properties: { name: { type: ['string', 'null'], description: 'User name' }, other: { type: 'string' } },
      required: ['name', 'other'],
    });
    expect(cleaned).toEqual({
      type: 'object',
      properties: { name: { type: 'string', description: 'User name ((nullable))' }, other: { type: 'string' } },
      required: ['other'],
    });
  });

  it('keeps the first non-null type of a multi-type array with an Accepts hint', () => {
    const cleaned = cleanGeminiJsonSchema({ type: 'object', properties: { value: { type: ['string', 'integer', 'boolean'] } } });
    expect(cleaned['properties']).toEqual({ value: { type: 'string', description: 'Accepts: string | integer | boolean' } });
  });

  it('lower-cases Gemini-style upper-case types', () => {
    expect(cleanGeminiJsonSchema({ type: 'OBJECT', properties: { a: { type: 'STRING' } } })).toEqual({ type: 'object', properties: { a: { type: 'string' } } });
  });

  it('collapses oneOf to the first scalar with an Accepts hint (spec C22)', () => {
    const cleaned = cleanGeminiJsonSchema({ type: 'object', properties: { config: { oneOf: [{ type: 'string' }, { type: 'integer' }] } } });
    expect(cleaned['properties']).toEqual({ config: { type: 'string', description: 'Accepts: string | integer' } });
  });

  it('prefers the object branch of anyOf, and a null branch makes it optional', () => {
    const cleaned = cleanGeminiJsonSchema({
      type: 'object',
      properties: { query: { anyOf: [{ type: 'null' }, { type: 'object', properties: { kind: { type: 'string' } } }] } },
      required: ['query'],
    });
    expect(cleaned).toEqual({
      type: 'object',
      properties: { query: { type: 'object', description: 'Accepts: null | object', properties: { kind: { type: 'string' } } } },
    });
  });

  it('prefers an array branch over scalars', () => {
    const cleaned = cleanGeminiJsonSchema({ anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] });
    expect(cleaned).toEqual({ type: 'array', items: { type: 'string' }, description: 'Accepts: string | array' });
  });

  it('merges the parent and branch descriptions', () => {
    const cleaned = cleanGeminiJsonSchema({
      type: 'object',
      properties: { config: { description: 'Parent desc', anyOf: [{ type: 'string', description: 'Child desc' }, { type: 'integer' }] } },
    });
    expect(cleaned['properties']).toEqual({ config: { type: 'string', description: 'Parent desc (Child desc) (Accepts: string | integer)' } });
  });

  it('drops anyOf branches that only constrain required fields', () => {
    const cleaned = cleanGeminiJsonSchema({
      type: 'object',
      properties: { a: { type: 'string' }, b: { type: 'string' } },
      anyOf: [{ required: ['a'] }, { required: ['b'] }],
    });
    expect(cleaned).toEqual({ type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } } });
  });

  it('merges allOf branches: properties joined, required unioned (spec C22)', () => {
    const cleaned = cleanGeminiJsonSchema({
      type: 'object',
      allOf: [
        { properties: { 'my.param': { type: 'string' } }, required: ['my.param'] },
        { properties: { b: { type: 'integer' } }, required: ['b'] },
      ],
    });
    expect(cleaned).toEqual({ type: 'object', properties: { 'my.param': { type: 'string' }, b: { type: 'integer' } }, required: ['my.param', 'b'] });
  });

  it('merges if/then/else properties without overwriting', () => {
    const cleaned = cleanGeminiJsonSchema({
      type: 'object',
      properties: { kind: { type: 'string' } },
      if: { properties: { kind: { const: 'a' } } },
      then: { properties: { a: { type: 'string' }, kind: { type: 'integer' } }, required: ['a'] },
      else: { properties: { b: { type: 'number' } } },
    });
    expect(cleaned).toEqual({ type: 'object', properties: { kind: { type: 'string' }, a: { type: 'string' }, b: { type: 'number' } } });
  });

  it('inlines local $refs from $defs and definitions, keeping sibling descriptions', () => {
    const cleaned = cleanGeminiJsonSchema({
      $defs: { User: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } },
      definitions: { Tag: { type: 'string', enum: ['a', 'b'] } },
      type: 'object',
      properties: {
        customer: { $ref: '#/$defs/User', description: 'The buyer' },
        tags: { type: 'array', items: { $ref: '#/definitions/Tag' } },
      },
    });
    expect(cleaned).toEqual({
      type: 'object',
      properties: {
        customer: { type: 'object', description: 'The buyer', properties: { name: { type: 'string' } }, required: ['name'] },
        tags: { type: 'array', items: { type: 'string', enum: ['a', 'b'], description: 'Allowed: a, b' } },
      },
    });
  });

  it('cuts recursive and unknown $refs with a See hint', () => {
    const cleaned = cleanGeminiJsonSchema({
      definitions: { Node: { type: 'object', properties: { child: { $ref: '#/definitions/Node' } } } },
      $ref: '#/definitions/Node',
      properties: { other: { $ref: 'https://example.com/schema.json#/Thing' } },
    });
    expect(cleaned).toEqual({
      type: 'object',
      properties: {
        child: { type: 'object', description: 'See: Node' },
        other: { type: 'object', description: 'See: Thing' },
      },
    });
  });

  it('repairs a bare property map (MCP tools) and draft-03 required flags', () => {
    expect(cleanGeminiJsonSchema({ path: { type: 'string', required: true }, recursive: { type: 'boolean', required: false } })).toEqual({
      type: 'object',
      properties: { path: { type: 'string' }, recursive: { type: 'boolean' } },
      required: ['path'],
    });
    expect(cleanGeminiJsonSchema({ type: 'object', description: 'Args', file: { type: 'string' } })).toEqual({
      type: 'object',
      description: 'Args',
      properties: { file: { type: 'string' } },
    });
  });

  it('removes x- extensions, title, nullable, deprecated, and placeholder properties', () => {
    const cleaned = cleanGeminiJsonSchema({
      type: 'object',
      title: 'Args',
      'x-google-hint': true,
      properties: {
        _: { type: 'boolean' },
        old: { type: 'string', deprecated: true, title: 'Old', nullable: true, 'x-order': 1 },
        'x-name': { type: 'string' },
      },
      required: ['_', 'old', 'x-name', 'missing'],
    });
    expect(cleaned).toEqual({
      type: 'object',
      properties: { old: { type: 'string', description: '(nullable)' }, 'x-name': { type: 'string' } },
      required: ['x-name'],
    });
  });

  it("removes the lone placeholder 'reason' property other proxies add", () => {
    const cleaned = cleanGeminiJsonSchema({
      type: 'object',
      properties: { reason: { type: 'string', description: 'Brief explanation of why you are calling this tool' } },
      required: ['reason'],
    });
    expect(cleaned).toEqual({ type: 'object', properties: {} });
    const real = { type: 'object', properties: { reason: { type: 'string', description: 'Why' } } };
    expect(cleanGeminiJsonSchema(real)).toEqual(real);
  });

  it('prunes required names that do not exist and removes an empty list', () => {
    expect(cleanGeminiJsonSchema({ type: 'object', properties: { a: { type: 'string' } }, required: ['a', 'c'] })).toEqual({
      type: 'object',
      properties: { a: { type: 'string' } },
      required: ['a'],
    });
    expect(cleanGeminiJsonSchema({ type: 'object', properties: {}, required: ['c'] })).toEqual({ type: 'object', properties: {} });
  });

  it('cleans nested array items, tuple items and infers a missing object type', () => {
    const cleaned = cleanGeminiJsonSchema({
      properties: {
        rows: { type: 'array', items: { type: 'object', properties: { id: { type: ['integer', 'null'] } }, additionalProperties: { type: 'string' } } },
        pair: { type: 'array', items: [{ type: 'string' }, { type: 'number' }] },
      },
    });
    expect(cleaned).toEqual({
      type: 'object',
      properties: {
        rows: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer', description: '(nullable)' } } } },
        pair: { type: 'array', items: { type: 'string' } },
      },
    });
  });

  it('gives schema-less properties (true) a type', () => {
    expect(cleanGeminiJsonSchema({ type: 'object', properties: { anything: true } })).toEqual({ type: 'object', properties: { anything: { type: 'string' } } });
  });
});
