import { describe, expect, it } from 'vitest';
import type { ConfigProblemView } from '../../../src-shared/control/config-types';
import { describeProblem, problemsToDiagnostics } from './problems-to-diagnostics';

const text = 'host: 127.0.0.1\nport: eighty\nrequest-retry: 3\n';

function problem(line: number | null, column: number | null, path = 'port', message = 'Expected number'): ConfigProblemView {
  return { path, message, line, column };
}

describe('config problems -> editor markers and list lines', () => {
  it('marks from the line and column to the end of that line', () => {
    expect(problemsToDiagnostics([problem(2, 7)], text)).toEqual([{ from: 22, to: 28, severity: 'error', message: 'port: Expected number' }]);
    expect(text.slice(22, 28)).toBe('eighty');
  });

  it('widens a marker at the end of a line to the whole line, and clamps positions past the text', () => {
    expect(problemsToDiagnostics([problem(1, 99)], text)).toEqual([{ from: 0, to: 15, severity: 'error', message: 'port: Expected number' }]);
    const [last] = problemsToDiagnostics([problem(40, 1, '', 'bad indentation')], text);
    expect(last).toMatchObject({ from: text.length, to: text.length, message: 'bad indentation' });
  });

  it('leaves problems without a position to the list', () => {
    expect(problemsToDiagnostics([problem(null, null)], text)).toEqual([]);
  });

  it('says the position and key path in the list when known', () => {
    expect(describeProblem(problem(2, 7))).toBe('Line 2, column 7: port: Expected number');
    expect(describeProblem(problem(4, null, '', 'bad indentation'))).toBe('Line 4: bad indentation');
    expect(describeProblem(problem(null, null, 'api-keys[0]', 'must not be empty'))).toBe('api-keys[0]: must not be empty');
  });
});
