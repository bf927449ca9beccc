/** A notification's JSON payload, or undefined when it is not JSON (a payload sent by hand, say). */
export function parseNotificationPayload(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
