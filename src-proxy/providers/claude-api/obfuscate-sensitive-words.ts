/** U+200B ZERO WIDTH SPACE: invisible when rendered, but it splits the word for any text matcher. */
const zeroWidthSpace = '\u200b';

/**
 * One case-insensitive pattern for the configured words (docs/providers.md#claude-cloaking, item 4): longest first so
 * a word containing another is matched whole; words shorter than two characters (nothing to split) or
 * already containing U+200B are ignored. Undefined when no word is usable.
 */
export function sensitiveWordPattern(words: readonly string[]): RegExp | undefined {
  const usable = [...new Set(words.map((word) => word.trim()))]
    .filter((word) => Array.from(word).length >= 2 && !word.includes(zeroWidthSpace))
    .sort((a, b) => Array.from(b).length - Array.from(a).length);
  if (usable.length === 0) return undefined;
  return new RegExp(usable.map(escapeRegExp).join('|'), 'giu');
}

/** Every match with U+200B between each pair of its characters (code points): "API" -> "A\u200bP\u200bI". */
export function obfuscateText(text: string, pattern: RegExp): string {
  return text.replace(pattern, (match) => Array.from(match).join(zeroWidthSpace));
}

/**
 * The caller-authored text of an Anthropic Messages body, obfuscated copy-on-write (the body's nested
 * values may be shared, so changed arrays and blocks are rebuilt, never edited): message text (string
 * contents and text blocks), `system` text blocks other than Claude Code's own billing and identity
 * blocks, and tool descriptions including nested JSON-schema `description`s. Tool names are kept so the
 * client can still dispatch returned tool_use blocks; thinking blocks are kept because they are signed.
 */
export function obfuscateSensitiveWords(body: Record<string, unknown>, pattern: RegExp, keepSystemTexts: ReadonlySet<string> = new Set()): void {
  if (Array.isArray(body.messages)) body.messages = mapChanged(body.messages, (message) => obfuscateMessage(message, pattern));
  if (typeof body.system === 'string' && !keepSystemTexts.has(body.system)) body.system = obfuscateText(body.system, pattern);
  else if (Array.isArray(body.system)) body.system = mapChanged(body.system, (block) => obfuscateTextBlock(block, pattern, keepSystemTexts));
  if (Array.isArray(body.tools)) body.tools = mapChanged(body.tools, (tool) => obfuscateTool(tool, pattern));
}

function obfuscateMessage(message: unknown, pattern: RegExp): unknown {
  if (!isRecord(message)) return message;
  const { content } = message;
  if (typeof content === 'string') {
    const changed = obfuscateText(content, pattern);
    return changed === content ? message : { ...message, content: changed };
  }
  if (!Array.isArray(content)) return message;
  const blocks = mapChanged(content, (block) => obfuscateTextBlock(block, pattern, new Set()));
  return blocks === content ? message : { ...message, content: blocks };
}

function obfuscateTextBlock(block: unknown, pattern: RegExp, keep: ReadonlySet<string>): unknown {
  if (!isRecord(block) || block.type !== 'text' || typeof block.text !== 'string' || keep.has(block.text)) return block;
  const changed = obfuscateText(block.text, pattern);
  return changed === block.text ? block : { ...block, text: changed };
}

function obfuscateTool(tool: unknown, pattern: RegExp): unknown {
  if (!isRecord(tool)) return tool;
  let result = tool;
  if (typeof tool.description === 'string') {
    const changed = obfuscateText(tool.description, pattern);
    if (changed !== tool.description) result = { ...result, description: changed };
  }
  for (const key of ['input_schema', 'parameters'] as const) {
    const schema = tool[key];
    if (schema === undefined) continue;
    const changed = obfuscateDescriptions(schema, pattern);
    if (changed !== schema) result = { ...result, [key]: changed };
  }
  return result;
}

/** Every string member named `description`, at any depth of a JSON schema. */
function obfuscateDescriptions(node: unknown, pattern: RegExp): unknown {
  if (Array.isArray(node)) return mapChanged(node, (item) => obfuscateDescriptions(item, pattern));
  if (!isRecord(node)) return node;
  let result = node;
  for (const [key, value] of Object.entries(node)) {
    const changed = key === 'description' && typeof value === 'string' ? obfuscateText(value, pattern) : obfuscateDescriptions(value, pattern);
    if (changed !== value) result = { ...result, [key]: changed };
  }
  return result;
}

/** `items` mapped; the same array when nothing changed, so untouched parts stay shared. */
function mapChanged(items: unknown[], map: (item: unknown) => unknown): unknown[] {
  let result: unknown[] | undefined;
  items.forEach((item, index) => {
    const changed = map(item);
    if (changed === item) return;
    result ??= items.slice();
    result[index] = changed;
  });
  return result ?? items;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
