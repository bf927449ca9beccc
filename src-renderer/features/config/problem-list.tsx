import type { ConfigProblemView } from '../../../src-shared/control/config-types';
import { describeProblem } from './problems-to-diagnostics';

/** Every problem in words below the editor (the editor marks only those with a position). */
export function ProblemList({ problems, labelledBy }: { problems: readonly ConfigProblemView[]; labelledBy: string }) {
  if (problems.length === 0) return null;
  return (
    <ul className="problem-list" aria-labelledby={labelledBy}>
      {problems.map((problem, index) => (
        <li key={`${index}-${problem.path}-${problem.message}`}>{describeProblem(problem)}</li>
      ))}
    </ul>
  );
}
