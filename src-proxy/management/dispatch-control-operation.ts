import {
  controlOperations,
  isControlOperation,
  type ControlApi,
  type ControlInput,
  type ControlOperation,
  type ControlResult,
} from '../../src-shared/control-contract';
import { toSafeErrorMessage } from './to-safe-error-message';

/** The part of ControlApi a transport needs to run operations. */
export type ControlInvoker = Pick<ControlApi, 'invoke'>;

const MAX_ISSUES = 5;

/**
 * One operation, validated and wrapped, exactly as every transport (HTTP, IPC) must do it:
 * unknown name -> UNKNOWN_OPERATION; input failing the contract's zod schema -> INVALID_INPUT;
 * a throw -> FAILED with a safe one-line message. Missing input counts as `{}`.
 */
export async function dispatchControlOperation(
  control: ControlInvoker,
  operation: unknown,
  rawInput: unknown,
): Promise<ControlResult<unknown>> {
  if (!isControlOperation(operation)) {
    return { ok: false, error: { code: 'UNKNOWN_OPERATION', message: 'Unknown operation.' } };
  }
  const parsed = controlOperations[operation].safeParse(rawInput ?? {});
  if (!parsed.success) {
    const details = parsed.error.issues
      .slice(0, MAX_ISSUES)
      .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
      .join('; ');
    return { ok: false, error: { code: 'INVALID_INPUT', message: `Invalid input for ${operation}: ${details}` } };
  }
  try {
    const value: unknown = await invokeChecked(control, operation, parsed.data);
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error: { code: 'FAILED', message: toSafeErrorMessage(error) } };
  }
}

/** The schema lookup above guarantees `input` matches `operation`; TS cannot correlate the two. */
function invokeChecked<Op extends ControlOperation>(control: ControlInvoker, operation: Op, input: unknown) {
  return control.invoke(operation, input as ControlInput<Op>);
}
