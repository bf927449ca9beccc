import type { DoctorHello } from '../../../src-shared/control/doctor-types';
import type { StatusTone } from '../../ui/status-tone';

/** A hello's outcome as a chip and a sentence: "Answered in 412 ms (claude-haiku-4-5)" or the provider's own error. */
export function describeHello(hello: DoctorHello): { tone: StatusTone; label: string; sentence: string } {
  const model = hello.model === null ? '' : ` (${hello.model})`;
  if (hello.ok) return { tone: 'ok', label: 'Answered', sentence: `Answered in ${hello.latencyMs ?? 0} ms${model}.` };
  const status = hello.status === null ? '' : `HTTP ${hello.status}: `;
  return { tone: 'error', label: 'Failed', sentence: `${status}${hello.error ?? 'no answer'}${model}` };
}
