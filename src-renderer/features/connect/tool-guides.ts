import type { ConnectionInfo } from '../../../src-shared/control/config-types';

/** A block of text to paste somewhere; the API key is filled in only when it is copied. */
export interface GuideSnippet {
  /** Accessible name of the snippet and of its copy button, e.g. "Gemini CLI shell exports". */
  label: string;
  text(apiKey: string): string;
}

/** How to point one tool at the engine by hand. */
export interface ToolGuide {
  id: string;
  title: string;
  /** What the tool needs, one sentence each. */
  steps: string[];
  snippets: GuideSnippet[];
  /** A limit of the tool the user must know about (e.g. it calls from its own servers). */
  caution: string | null;
}

/** Without client keys the engine accepts any key, but tools still insist on one. */
export const anyKey = 'any-key-works';

/** Example model names per protocol; the user picks one their accounts serve. */
const models = { openai: 'gpt-5', anthropic: 'claude-sonnet-4-5', gemini: 'gemini-2.5-pro' } as const;

const listModels = 'Use a model your accounts serve: GET /v1/models lists them.';

/** The manual setup of every supported tool, filled with this engine's URLs. */
export function toolGuides(info: Pick<ConnectionInfo, 'openaiBaseUrl' | 'anthropicBaseUrl' | 'geminiBaseUrl'>): ToolGuide[] {
  const { openaiBaseUrl: openai, anthropicBaseUrl: anthropic, geminiBaseUrl: gemini } = info;
  return [
    {
      id: 'claude-code',
      title: 'Claude Code',
      steps: ['Use Connect above, or set these two variables in the shell that starts claude (or under "env" in ~/.claude/settings.json).'],
      snippets: [{ label: 'Claude Code shell exports', text: (key) => `export ANTHROPIC_BASE_URL=${anthropic}\nexport ANTHROPIC_AUTH_TOKEN=${key}` }],
      caution: null,
    },
    {
      id: 'codex',
      title: 'Codex CLI',
      steps: ['Use Connect above, or add this provider to ~/.codex/config.toml (the model_provider line goes at the top, before any [table]).'],
      snippets: [
        {
          label: 'Codex CLI config.toml',
          text: (key) =>
            `model_provider = "cliproxy"\n\n[model_providers.cliproxy]\nname = "CLI Proxy Desktop"\nbase_url = "${openai}"\nwire_api = "responses"\nexperimental_bearer_token = "${key}"`,
        },
      ],
      caution: null,
    },
    {
      id: 'gemini-cli',
      title: 'Gemini CLI',
      steps: ['Set these variables in the shell that starts gemini, then choose "Use Gemini API key" as the sign-in method.'],
      snippets: [{ label: 'Gemini CLI shell exports', text: (key) => `export GOOGLE_GEMINI_BASE_URL=${gemini}\nexport GEMINI_API_KEY=${key}` }],
      caution: null,
    },
    {
      id: 'vscode',
      title: 'VS Code extensions (Cline, Continue)',
      steps: [
        `Cline: API Provider "OpenAI Compatible", Base URL ${openai}, the API key, and a Model ID. (Or API Provider "Anthropic" with a custom base URL ${anthropic}.)`,
        'Continue: add a model to ~/.continue/config.yaml as below.',
        listModels,
      ],
      snippets: [
        {
          label: 'Continue config.yaml',
          text: (key) => `models:\n  - name: CLI Proxy\n    provider: openai\n    model: ${models.openai}\n    apiBase: ${openai}\n    apiKey: ${key}`,
        },
      ],
      caution: null,
    },
    {
      id: 'python',
      title: 'Python SDKs',
      steps: ['pip install openai anthropic google-genai, then create the client for your protocol.', listModels],
      snippets: [
        { label: 'Python OpenAI client', text: (key) => `from openai import OpenAI\n\nclient = OpenAI(base_url="${openai}", api_key="${key}")\nreply = client.chat.completions.create(model="${models.openai}", messages=[{"role": "user", "content": "Hello"}])` },
        { label: 'Python Anthropic client', text: (key) => `from anthropic import Anthropic\n\nclient = Anthropic(base_url="${anthropic}", api_key="${key}")\nreply = client.messages.create(model="${models.anthropic}", max_tokens=1024, messages=[{"role": "user", "content": "Hello"}])` },
        {
          label: 'Python Gemini client',
          text: (key) => `from google import genai\nfrom google.genai import types\n\nclient = genai.Client(api_key="${key}", http_options=types.HttpOptions(base_url="${gemini}"))\nreply = client.models.generate_content(model="${models.gemini}", contents="Hello")`,
        },
      ],
      caution: null,
    },
    {
      id: 'typescript',
      title: 'TypeScript SDKs',
      steps: ['npm install openai @anthropic-ai/sdk @google/genai, then create the client for your protocol.', listModels],
      snippets: [
        { label: 'TypeScript OpenAI client', text: (key) => `import OpenAI from 'openai';\n\nconst client = new OpenAI({ baseURL: '${openai}', apiKey: '${key}' });\nconst reply = await client.chat.completions.create({ model: '${models.openai}', messages: [{ role: 'user', content: 'Hello' }] });` },
        { label: 'TypeScript Anthropic client', text: (key) => `import Anthropic from '@anthropic-ai/sdk';\n\nconst client = new Anthropic({ baseURL: '${anthropic}', apiKey: '${key}' });\nconst reply = await client.messages.create({ model: '${models.anthropic}', max_tokens: 1024, messages: [{ role: 'user', content: 'Hello' }] });` },
        {
          label: 'TypeScript Gemini client',
          text: (key) => `import { GoogleGenAI } from '@google/genai';\n\nconst client = new GoogleGenAI({ apiKey: '${key}', httpOptions: { baseUrl: '${gemini}' } });\nconst reply = await client.models.generateContent({ model: '${models.gemini}', contents: 'Hello' });`,
        },
      ],
      caution: null,
    },
  ];
}
