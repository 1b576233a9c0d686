// The one restatement of the README's phase rule, shared with `thaw verify`'s invariants.
export { phaseByRule as documentedPhase } from '../../src/verify/invariants.js';
