import type { RequestSummary } from '../../../src-shared/control/usage-types';
import { statusClassOf, type StatusClass } from '../../ui/request-words';

export interface RequestFilters {
  /** '' = any. */
  statusClass: StatusClass | '';
  model: string;
  account: string;
}

export const noFilters: RequestFilters = { statusClass: '', model: '', account: '' };

export function filterRequests(requests: readonly RequestSummary[], filters: RequestFilters): RequestSummary[] {
  return requests.filter(
    (request) =>
      (filters.statusClass === '' || statusClassOf(request.status) === filters.statusClass) &&
      (filters.model === '' || request.model === filters.model) &&
      (filters.account === '' || request.account === filters.account),
  );
}

/** The distinct non-empty values of one field, sorted: the choices of a filter. */
export function choicesOf(requests: readonly RequestSummary[], field: 'model' | 'account'): string[] {
  const values = new Set<string>();
  for (const request of requests) {
    const value = request[field];
    if (value !== null && value !== '') values.add(value);
  }
  return [...values].sort((a, b) => a.localeCompare(b));
}
