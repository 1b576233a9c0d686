import { describe, expect, it } from 'vitest';
import * as thaw from '../src/index.js';

// The package's public surface, named here so that growing it is a decision, not an accident.
describe('the public API', () => {
  it('should export what a library user needs and nothing internal', () => {
    expect(Object.keys(thaw).sort()).toEqual(
      [
        'applyEdits',
        'checkOrder',
        'compareRuns',
        'ExploreMemoryError',
        'exploreOrderings',
        'fastReplay',
        'formatProblem',
        'initialSnapshot',
        'InvalidEditError',
        'InvalidInputError',
        'OrderCheckLimitError',
        'parseScenario',
        'persistSnapshot',
        'readScenario',
        'readWhatIf',
        'relationshipMachine',
        'replay',
        'reportedOnly',
        'restoreSnapshot',
        'ScenarioEdit',
        'stateAt',
        'step',
        'StreamRunner',
        'TooManyCandidatesError',
        'UnsupportedMachineError',
        'verifyMachine',
        'viewOf',
      ].sort(),
    );
  });
});
