/**
 * The account a credential belongs to, as the account list names it: an auth file's credentials
 * (`auth:<file>`, or `auth:<file>::<project>` for each project of a Gemini CLI login) belong to `<file>`;
 * a config entry's credential id is its own account id.
 */
export function accountIdOf(credentialId: string): string {
  if (!credentialId.startsWith('auth:')) return credentialId;
  const file = credentialId.slice('auth:'.length);
  const project = file.indexOf('::');
  return project === -1 ? file : file.slice(0, project);
}
