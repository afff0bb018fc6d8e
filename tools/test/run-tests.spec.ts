import { jestArgsFor, parseRunnerArgs } from './run-tests';

describe('run-tests', () => {
  describe(parseRunnerArgs.name, () => {
    it('runs both phases and hands every other argument to Jest', () => {
      expect(parseRunnerArgs(['libs/domain', '-t', 'clock'])).toEqual({
        phases: ['unit', 'integration'],
        jestArgs: ['libs/domain', '-t', 'clock'],
      });
    });

    it('accepts --phase in both spellings', () => {
      expect(parseRunnerArgs(['--phase=integration', '--ci']).phases).toEqual(['integration']);
      expect(parseRunnerArgs(['--phase', 'unit', '--ci'])).toEqual({ phases: ['unit'], jestArgs: ['--ci'] });
    });

    it('names the allowed phases when given another', () => {
      expect(() => parseRunnerArgs(['--phase=e2e'])).toThrow('--phase must be one of unit, integration, got "e2e"');
      expect(() => parseRunnerArgs(['--phase'])).toThrow('got ""');
    });
  });

  describe(jestArgsFor.name, () => {
    it('runs integration specs in band and unit specs in parallel', () => {
      expect(jestArgsFor('integration', ['x'])).toEqual(['--selectProjects', 'integration', '--passWithNoTests', '--runInBand', 'x']);
      expect(jestArgsFor('unit', ['x'])).toEqual(['--selectProjects', 'unit', '--passWithNoTests', 'x']);
    });
  });
});
