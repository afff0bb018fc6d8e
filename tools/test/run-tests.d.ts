// Types for run-tests.js (plain CommonJS so `npm test` needs no compile step).
export type TestPhase = 'unit' | 'integration';
export declare function parseRunnerArgs(argv: string[]): { phases: TestPhase[]; jestArgs: string[] };
export declare function jestArgsFor(phase: TestPhase, jestArgs: string[]): string[];
