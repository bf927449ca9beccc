/** The client- and upstream-facing wire formats the hub translates between. */
export type WireFormat = 'openai-chat' | 'openai-responses' | 'anthropic-messages' | 'gemini';
