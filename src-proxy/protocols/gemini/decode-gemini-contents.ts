import type {
  CanonicalMessage,
  FilePart,
  ImagePart,
  TextPart,
  ToolResultPart,
  TranslationContext,
  TranslationWarning,
  UserContentPart,
} from '../../canonical/index';
import { decodeGeminiModelParts } from './decode-gemini-model-parts';
import type { GeminiRequestIssue } from './gemini-request-issues';
import { decodeFileData, decodeInlineData } from './gemini-media';
import type { GeminiContentInput, GeminiPartInput } from './gemini-schemas';
import { decodeClientThoughtSignature } from './gemini-thought-signature';

interface PendingCall {
  id: string;
  name: string;
  answered: boolean;
}

interface ContentsState {
  context: TranslationContext;
  warnings: TranslationWarning[];
  issues: GeminiRequestIssue[];
  /** Tool calls of the history not answered yet, oldest first: Gemini pairs results by name and order. */
  pending: PendingCall[];
  messages: CanonicalMessage[];
}

/**
 * `contents[]` of a Gemini request -> canonical messages (https://ai.google.dev/api/caching#Content).
 * Roles: `model` -> assistant; `user` (and the legacy `function`/`tool`) -> user, whose functionResponse
 * parts become tool messages in place. Calls without an `id` get one from `context.generateId('call')`,
 * and each functionResponse takes the id of the oldest unanswered call with the same name.
 */
export function decodeGeminiContents(
  contents: readonly GeminiContentInput[],
  context: TranslationContext,
  warnings: TranslationWarning[],
  issues: GeminiRequestIssue[],
): CanonicalMessage[] {
  const state: ContentsState = { context, warnings, issues, pending: [], messages: [] };
  contents.forEach((content, index) => {
    const role = resolveRole(content, index, issues);
    if (role === 'model') decodeModelContent(content, index, state);
    else if (role === 'user') decodeUserContent(content, index, state);
  });
  return state.messages;
}

function resolveRole(content: GeminiContentInput, index: number, issues: GeminiRequestIssue[]): 'user' | 'model' | undefined {
  const role = content.role;
  if (role === 'model') return 'model';
  if (role === 'user' || role === 'function' || role === 'tool') return 'user';
  if (role === null || role === undefined || role === '') {
    // The role may be left out for single-turn requests (Content.role docs); infer it from the parts.
    return content.parts.some((part) => part.functionCall || part.thought) ? 'model' : 'user';
  }
  issues.push({ path: ['contents', index, 'role'], message: `must be 'user' or 'model', got '${role}'` });
  return undefined;
}

/**
 * Consecutive model contents are one assistant turn: the SDKs record a streamed answer as one content
 * per chunk, and the thought text and its signature must end up in the same reasoning part.
 */
function decodeModelContent(content: GeminiContentInput, index: number, state: ContentsState): void {
  const last = state.messages[state.messages.length - 1];
  const into = last?.role === 'assistant' ? last.content : [];
  const before = into.length;
  const parts = decodeGeminiModelParts(
    content.parts,
    {
      decodeSignature: decodeClientThoughtSignature,
      newToolCallId: () => state.context.generateId('call'),
      restoreName: (name) => name,
      path: `contents[${index}].parts`,
    },
    state.warnings,
    into,
  );
  for (const part of parts.slice(before)) if (part.type === 'tool-call') state.pending.push({ id: part.id, name: part.name, answered: false });
  if (parts.length > 0 && last?.role !== 'assistant') state.messages.push({ role: 'assistant', content: parts });
}

function decodeUserContent(content: GeminiContentInput, index: number, state: ContentsState): void {
  content.parts.forEach((part, partIndex) => {
    const path = ['contents', index, 'parts', partIndex];
    if (part.functionResponse) {
      appendPart(state.messages, 'tool', decodeFunctionResponse(part.functionResponse, state));
    } else if (part.functionCall) {
      state.issues.push({ path: [...path, 'functionCall'], message: "function calls belong in a 'model' turn" });
    } else if (part.thought) {
      state.warnings.push({ field: formatPath(path), message: 'thought parts in a user turn are dropped' });
    } else {
      const decoded = decodeUserPart(part);
      if (decoded) appendPart(state.messages, 'user', decoded);
      else if (part.text !== '') state.warnings.push({ field: formatPath(path), message: 'part kind not supported by the proxy; dropped' });
    }
  });
}

function decodeUserPart(part: GeminiPartInput): UserContentPart | undefined {
  if (part.inlineData) return decodeInlineData(part.inlineData);
  if (part.fileData) return decodeFileData(part.fileData);
  if (typeof part.text === 'string' && part.text !== '') return { type: 'text', text: part.text };
  return undefined;
}

type FunctionResponseInput = NonNullable<GeminiPartInput['functionResponse']>;

function decodeFunctionResponse(response: FunctionResponseInput, state: ContentsState): ToolResultPart {
  const { text, isError } = functionResponseText(response.response ?? undefined);
  const media: Array<ImagePart | FilePart> = [];
  for (const part of response.parts ?? []) {
    if (part.inlineData) media.push(decodeInlineData(part.inlineData));
    else if (part.fileData) media.push(decodeFileData(part.fileData));
  }
  const textParts: TextPart[] = text === '' && media.length > 0 ? [] : [{ type: 'text', text }];
  return {
    type: 'tool-result',
    toolCallId: pairCallId(response, state),
    name: response.name,
    content: [...textParts, ...media],
    ...(isError ? { isError: true } : {}),
  };
}

function pairCallId(response: FunctionResponseInput, state: ContentsState): string {
  const byId = response.id ? state.pending.find((call) => call.id === response.id) : undefined;
  const call = byId ?? (response.id ? undefined : state.pending.find((pending) => !pending.answered && pending.name === response.name));
  if (call) {
    call.answered = true;
    return call.id;
  }
  return response.id || state.context.generateId('call');
}

/**
 * The canonical tool result is text. By convention Gemini tools answer `{result: ...}`, `{output: ...}`
 * or `{error: ...}` (function-calling docs); a lone string there is the text, anything else is JSON.
 */
function functionResponseText(response: Record<string, unknown> | undefined): { text: string; isError: boolean } {
  if (!response) return { text: '', isError: false };
  const keys = Object.keys(response);
  const only = keys.length === 1 ? keys[0] : undefined;
  const value = only === undefined ? undefined : response[only];
  if (only === 'error') return { text: typeof value === 'string' ? value : JSON.stringify(value), isError: true };
  if ((only === 'result' || only === 'output') && typeof value === 'string') return { text: value, isError: false };
  return { text: JSON.stringify(response), isError: false };
}

/** Appends to the last message when it has the same role, so parallel results stay one tool message. */
function appendPart(messages: CanonicalMessage[], role: 'user' | 'tool', part: UserContentPart | ToolResultPart): void {
  const last = messages[messages.length - 1];
  if (role === 'tool' && part.type === 'tool-result') {
    if (last?.role === 'tool') last.content.push(part);
    else messages.push({ role: 'tool', content: [part] });
  } else if (role === 'user' && part.type !== 'tool-result') {
    if (last?.role === 'user') last.content.push(part);
    else messages.push({ role: 'user', content: [part] });
  }
}

function formatPath(path: ReadonlyArray<string | number>): string {
  return path.map((key, index) => (typeof key === 'number' ? `[${key}]` : index === 0 ? key : `.${key}`)).join('');
}
