import { z } from 'zod';
import { parseAuthTime } from '../auth-store/parse-auth-time';
import { toBoolean, toNumber } from './quota-window';

/**
 * Field schemas for the undocumented usage endpoints: tolerant on purpose, so a missing or odd field
 * becomes null and never fails the whole body.
 */
export const looseNumber = z.unknown().optional().transform(toNumber);
export const looseBoolean = z.unknown().optional().transform(toBoolean);
/** Unix seconds or RFC3339 -> epoch ms. */
export const looseTime = z.unknown().optional().transform(parseAuthTime);
export const looseText = z
  .unknown()
  .optional()
  .transform((value) => (typeof value === 'string' && value.trim() ? value.trim() : typeof value === 'number' ? String(value) : null));
