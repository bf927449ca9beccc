import { describe, expect, it } from 'vitest';
import { callgrindLauncher, parseInstructionTotals } from './callgrind-control';

// What `callgrind_control -e Ir <pid>` printed for a node server under callgrind (valgrind 3.19).
const output = `PID 11532: node /tmp/i16/hello.mjs
sending command status internal to pid 11532

  Totals:         Ir 
   Th 1  628,662,109 
   Th 2        3,485 
   Th 3    1,468,268 
   Th 4    1,448,619 
   Th10        1,093 

`;

describe('callgrind counters', () => {
  it('reads the main thread and the sum of every thread, the two-digit thread numbers included', () => {
    expect(parseInstructionTotals(output)).toEqual({ mainThread: 628_662_109, allThreads: 628_662_109 + 3_485 + 1_468_268 + 1_448_619 + 1_093 });
  });

  it('refuses output without counters (e.g. no callgrind run with that pid)', () => {
    expect(() => parseInstructionTotals('PID 1: no callgrind run\n')).toThrow(/no 'Totals: Ir'/);
    expect(() => parseInstructionTotals('  Totals:   Ir \n\n')).toThrow(/no thread counts/);
    expect(() => parseInstructionTotals('  Totals:   Ir \n   Th 2   1,000 \n')).toThrow(/no main thread/);
  });

  it('runs node under callgrind with one profile file per process name', () => {
    const launcher = callgrindLauncher('/tmp/out', 'engine');
    expect(launcher.command).toBe('valgrind');
    expect(launcher.args).toContain('--tool=callgrind');
    // Startup runs uninstrumented; the harness switches counting on once the process is ready.
    expect(launcher.args).toContain('--instr-atstart=no');
    expect(launcher.args).toContain('--callgrind-out-file=/tmp/out/engine.%p');
  });
});
