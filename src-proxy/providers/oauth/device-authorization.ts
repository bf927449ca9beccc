/** A device authorization response (RFC 8628 section 3.2), as the device-code logins read it. */
export interface DeviceAuthorization {
  deviceCode: string;
  userCode: string;
  verificationUri: string;
  /** What the user opens: the URI with the user code filled in, else `verificationUri`. */
  verificationUriComplete: string;
  /** Seconds the code is valid; 0 = not said. */
  expiresIn: number;
  /** The server's shortest poll interval in seconds; 0 = not said. */
  interval: number;
}

/** Reads a device authorization answer's JSON; throws when it carries no `device_code`. */
export function readDeviceAuthorization(data: Readonly<Record<string, unknown>>): DeviceAuthorization {
  const deviceCode = text(data.device_code);
  if (deviceCode === '') throw new Error('The device code response has no device_code');
  const verificationUri = text(data.verification_uri);
  return {
    deviceCode,
    userCode: text(data.user_code),
    verificationUri,
    verificationUriComplete: text(data.verification_uri_complete) || verificationUri,
    expiresIn: positive(data.expires_in),
    interval: positive(data.interval),
  };
}

function positive(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
