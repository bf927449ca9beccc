import { isRecord, type AuthRecord } from '../../auth-store/auth-record';

/** Google's token endpoint, where a service account JSON without `token_uri` exchanges its assertions. */
export const googleTokenUri = 'https://oauth2.googleapis.com/token';

/** The parts of a `type: vertex` auth file (docs/providers.md#vertex-auth-file) a request needs. */
export interface VertexServiceAccount {
  clientEmail: string;
  privateKey: string;
  /** The key's id, sent as the JWT's `kid` ('' when the JSON has none). */
  privateKeyId: string;
  tokenUri: string;
  projectId: string;
  /** The Vertex location (`us-central1`, `global`, ...). */
  location: string;
}

/**
 * Reads the service account CPA's import stored under `service_account`, with the file's `project_id`
 * (else the account's own, else `project`) and `location` (default `us-central1`, as CPA; a region name only, such as
 * `europe-west4` or `global`, since it becomes part of the host). Returns the
 * reason instead when the file cannot serve (never quoting a value: the key is secret).
 */
export function readVertexServiceAccount(record: AuthRecord): VertexServiceAccount | { problem: string } {
  const account = record.data.service_account;
  if (!isRecord(account)) return { problem: 'no service_account object' };
  const clientEmail = text(account.client_email);
  const privateKey = text(account.private_key);
  if (clientEmail === '' || privateKey === '') return { problem: 'service_account has no client_email or private_key' };
  const projectId = text(record.data.project_id) || text(account.project_id) || text(record.data.project);
  if (projectId === '') return { problem: 'no project_id' };
  const location = text(record.data.location) || 'us-central1';
  // The location becomes part of the host name: anything but a region name could send the token elsewhere.
  if (!/^[a-z][a-z0-9-]*$/.test(location)) return { problem: 'location is not a Vertex AI location name' };
  return {
    clientEmail,
    privateKey,
    privateKeyId: text(account.private_key_id),
    tokenUri: text(account.token_uri) || googleTokenUri,
    projectId,
    location,
  };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}
