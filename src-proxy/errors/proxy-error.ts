import type { WireFormat } from '../canonical/index';

/**
 * The one error type of the engine (ARCHITECTURE.md section 6). Codes are stable: clients, logs and
 * docs/errors.md refer to them. Only `protocols/<wire>/render-*-error.ts` turns one into a response body.
 */
export type ProxyErrorCode =
  | 'PX_INVALID_REQUEST'
  | 'PX_BODY_TOO_LARGE'
  | 'PX_NOT_FOUND'
  | 'PX_NO_ROUTE'
  | 'PX_AUTH_REQUIRED'
  | 'PX_AUTH_INVALID'
  | 'PX_NO_CREDENTIAL'
  | 'PX_CREDENTIAL_EXPIRED'
  | 'PX_COOLDOWN'
  | 'PX_UPSTREAM_HTTP'
  | 'PX_UPSTREAM_NETWORK'
  | 'PX_UPSTREAM_PROTOCOL'
  | 'PX_CLIENT_ABORTED'
  | 'PX_INTERNAL';

export interface ProxyErrorInit {
  code: ProxyErrorCode;
  message: string;
  httpStatus: number;
  retryable?: boolean;
  provider?: string;
  upstreamStatus?: number;
  /** Raw upstream error body, passed to the client verbatim when its wire is the client's (docs/errors.md). */
  upstreamBody?: string;
  /** Wire format of the upstream that produced `upstreamBody`. */
  upstreamWire?: WireFormat;
  /** Seconds the client should wait (sent as Retry-After). */
  retryAfterSeconds?: number;
  /** Extra machine-readable fields, e.g. the OpenAI `param`. */
  details?: Record<string, unknown>;
}

export class ProxyError extends Error {
  readonly code: ProxyErrorCode;
  readonly httpStatus: number;
  readonly retryable: boolean;
  readonly provider: string | undefined;
  readonly upstreamStatus: number | undefined;
  readonly upstreamBody: string | undefined;
  readonly upstreamWire: WireFormat | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(init: ProxyErrorInit) {
    super(init.message);
    this.name = 'ProxyError';
    this.code = init.code;
    this.httpStatus = init.httpStatus;
    this.retryable = init.retryable ?? false;
    this.provider = init.provider;
    this.upstreamStatus = init.upstreamStatus;
    this.upstreamBody = init.upstreamBody;
    this.upstreamWire = init.upstreamWire;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.details = init.details;
  }
}

