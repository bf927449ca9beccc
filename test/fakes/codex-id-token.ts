/**
 * An unsigned id_token like the one OpenAI's token endpoint returns to a ChatGPT (Codex) login: its payload
 * names the e-mail, the ChatGPT account id and the plan (the engine reads them without verifying).
 */
export function codexIdToken(email: string, accountId: string, planType = 'plus'): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none' })}.${part({ email, 'https://api.openai.com/auth': { chatgpt_account_id: accountId, chatgpt_plan_type: planType } })}.sig`;
}
