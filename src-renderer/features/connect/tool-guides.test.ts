import { describe, expect, it } from 'vitest';
import { toolGuides } from './tool-guides';

const info = { openaiBaseUrl: 'http://127.0.0.1:8317/v1', anthropicBaseUrl: 'http://127.0.0.1:8317', geminiBaseUrl: 'http://127.0.0.1:8317' };
const key = 'sk-test-key-123';

function guide(id: string) {
  const found = toolGuides(info).find((each) => each.id === id);
  if (found === undefined) throw new Error(`no guide ${id}`);
  return found;
}

function snippet(id: string, label: string): string {
  const found = guide(id).snippets.find((each) => each.label === label);
  if (found === undefined) throw new Error(`no snippet ${label}`);
  return found.text(key);
}

describe('toolGuides', () => {
  it('covers every tool the Connect page promises', () => {
    expect(toolGuides(info).map((each) => each.id)).toEqual(['claude-code', 'codex', 'gemini-cli', 'vscode', 'python', 'typescript']);
  });

  it('gives each tool the base URL of the protocol it speaks, with the key filled in', () => {
    expect(snippet('claude-code', 'Claude Code shell exports')).toBe(`export ANTHROPIC_BASE_URL=http://127.0.0.1:8317\nexport ANTHROPIC_AUTH_TOKEN=${key}`);
    expect(snippet('gemini-cli', 'Gemini CLI shell exports')).toBe(`export GOOGLE_GEMINI_BASE_URL=http://127.0.0.1:8317\nexport GEMINI_API_KEY=${key}`);
    const codex = snippet('codex', 'Codex CLI config.toml');
    expect(codex).toMatch(/^model_provider = "cliproxy"\n/);
    expect(codex).toContain('base_url = "http://127.0.0.1:8317/v1"');
    expect(codex).toContain(`experimental_bearer_token = "${key}"`);
    expect(snippet('vscode', 'Continue config.yaml')).toContain('apiBase: http://127.0.0.1:8317/v1');
  });

  it('has an OpenAI, Anthropic and Gemini snippet for Python and TypeScript', () => {
    for (const id of ['python', 'typescript']) {
      const texts = guide(id).snippets.map((each) => each.text(key));
      expect(texts).toHaveLength(3);
      expect(texts[0]).toContain('http://127.0.0.1:8317/v1');
      for (const text of texts) expect(text).toContain(key);
    }
    expect(snippet('python', 'Python Gemini client')).toContain('base_url="http://127.0.0.1:8317"');
    expect(snippet('typescript', 'TypeScript Anthropic client')).toContain("baseURL: 'http://127.0.0.1:8317'");
  });
});
