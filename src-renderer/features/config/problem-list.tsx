import type { ConfigProblemView } from '../../../src-shared/control/config-types';
import { describeProblem } from './problems-to-diagnostics';

export interface ProblemListProps {
  problems: readonly ConfigProblemView[];
  labelledBy: string;
  /** Moves the editor's cursor to a problem that has a position. */
  onGoTo(line: number, column: number | null): void;
}

/** Every problem in words below the editor (the editor marks only those with a position); a click goes there. */
export function ProblemList({ problems, labelledBy, onGoTo }: ProblemListProps) {
  if (problems.length === 0) return null;
  return (
    <ul className="problem-list" aria-labelledby={labelledBy}>
      {problems.map((problem, index) => {
        const { line, column } = problem;
        return (
          <li key={`${index}-${problem.path}-${problem.message}`}>
            {line === null ? (
              describeProblem(problem)
            ) : (
              <button type="button" className="problem-button" onClick={() => onGoTo(line, column)}>
                {describeProblem(problem)}
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
