/**
 * thaw as a library: read a scenario, replay it, step the machine, edit a history and compare it
 * with the record, explore orderings, verify the machine. The CLI (src/cli/) calls these same
 * functions, and besides them the internal modules that format, export and serve what they
 * return; everything else under src/ is internal and may change.
 */

export { UnsupportedMachineError } from './engine/machineStructure.js';
export type { RelationshipEngineState } from './engine/relationshipEngine.js';
export { fastReplay } from './engine/relationshipEngine.js';
export type { ExploreOptions, ExploreResult } from './explore/exploreOrderings.js';
export { ExploreMemoryError, exploreOrderings, TooManyCandidatesError } from './explore/exploreOrderings.js';
export { relationshipMachine } from './machine/relationshipMachine.js';
export type { PersistedRelationship } from './machine/snapshots.js';
export { persistSnapshot, restoreSnapshot } from './machine/snapshots.js';
export type { Change, ChannelState, OfficeState, RelationshipSnapshot, RelationshipState } from './machine/view.js';
export { viewOf } from './machine/view.js';
export type { CheckpointVerdict, Mismatch } from './replay/checkpoints.js';
export type { OrderCheck, OrderVerdict } from './replay/orderCheck.js';
export { checkOrder, OrderCheckLimitError } from './replay/orderCheck.js';
export type { Replay, ReplayOptions, TimelineStep } from './replay/replay.js';
export { initialSnapshot, replay, stateAt, step } from './replay/replay.js';
export type { ReportedOnly } from './replay/reportedOnly.js';
export { reportedOnly } from './replay/reportedOnly.js';
export type { ParseScenarioResult } from './scenario/parseScenario.js';
export { parseScenario } from './scenario/parseScenario.js';
export type { Problem } from './scenario/problems.js';
export { formatProblem, InvalidInputError } from './scenario/problems.js';
export type { ReadScenarioOptions } from './scenario/readScenario.js';
export { readScenario } from './scenario/readScenario.js';
export type { Checkpoint, Expectation, Scenario, ScenarioEvent } from './scenario/schema.js';
export type { StreamOutput, StreamResult } from './stream/streamRunner.js';
export { StreamRunner } from './stream/streamRunner.js';
export type { VerifyOptions, VerifyReport, Violation } from './verify/verifyMachine.js';
export { verifyMachine } from './verify/verifyMachine.js';
export type { Channel, Office, Phase, Side } from './vocabulary/channels.js';
export type { EventType, RelationshipEvent } from './vocabulary/events.js';
export type { Edit, EditProblem } from './whatif/applyEdits.js';
export { applyEdits, InvalidEditError, ScenarioEdit } from './whatif/applyEdits.js';
export type { WhatIfComparison } from './whatif/compareRuns.js';
export { compareRuns } from './whatif/compareRuns.js';
export type { WhatIf, WhatIfFile } from './whatif/whatIfFile.js';
export { readWhatIf } from './whatif/whatIfFile.js';
