// The public library API: the CLI, the tests and (later) the viewer use only these names.
export { CHANNELS, CHANNEL_LABELS, OFFICES, PHASES, PHASE_LABELS, SIDES } from './vocabulary/channels.js';
export type { Channel, Office, Phase, Side } from './vocabulary/channels.js';
export { CONTACT_MODES, EVENT_PAYLOADS, EVENT_TYPES, INCIDENT_KINDS, PROVOCATION_KINDS, isChannelEvent } from './vocabulary/events.js';
export type { ChannelEvent, ContactMode, EventPayload, EventType, RelationshipEvent } from './vocabulary/events.js';
export { allCodes, codeOf } from './vocabulary/codes.js';
export type { EventCode } from './vocabulary/codes.js';
export { EVENT_EFFECTS, eventTableMarkdown } from './vocabulary/eventTable.js';

export { CONTEXT_RECIPES, initialContext, recipeOfAction, relationshipMachine, relationshipSetup } from './machine/relationshipMachine.js';
export type { ContextRecipe, RelationshipContext, RelationshipMachine } from './machine/relationshipMachine.js';
export { diffStates, viewOf, viewOfValue } from './machine/view.js';
export type { Change, ChannelState, LinkState, RelationshipSnapshot, RelationshipState, RequestState } from './machine/view.js';
export { persistSnapshot, restoreSnapshot } from './machine/snapshots.js';
export type { PersistedRelationship } from './machine/snapshots.js';

export { Article, Checkpoint, Citation, Expectation, LINK_PATTERNS, REQUEST_STATES, Scenario, ScenarioEvent, scenarioJsonSchema } from './scenario/schema.js';
export { canFollow, certainlyBy, parsePartialDate } from './scenario/dates.js';
export type { PartialDate } from './scenario/dates.js';
export { parseScenario } from './scenario/parseScenario.js';
export type { ParseScenarioOptions, ParseScenarioResult } from './scenario/parseScenario.js';
export { readScenario, sourcesDirFromEnv } from './scenario/readScenario.js';
export type { ReadScenarioOptions } from './scenario/readScenario.js';
export { formatProblem, InvalidInputError } from './scenario/problems.js';
export type { Problem } from './scenario/problems.js';

export { initialSnapshot, lastIndexBy, replay, stateAt, step, toMachineEvent } from './replay/replay.js';
export type { Replay, ReplayOptions, TimelineStep } from './replay/replay.js';
export { compareExpectation } from './replay/checkpoints.js';
export type { CheckpointVerdict, Mismatch } from './replay/checkpoints.js';
export { describeEvent } from './replay/describeEvent.js';

export { applyEdits, Edit, InvalidEditError, ScenarioEdit } from './whatif/applyEdits.js';
export type { EditProblem } from './whatif/applyEdits.js';
export { parseWhatIf, readWhatIf, WhatIfFile, whatIfJsonSchema } from './whatif/whatIfFile.js';
export type { ParseWhatIfOptions, WhatIf } from './whatif/whatIfFile.js';
export { compareRuns, firstDivergence, phaseChanges } from './whatif/compareRuns.js';
export type { CheckpointComparison, CheckpointPlacement, EventDivergence, PhaseChange, StateDivergence, WhatIfComparison } from './whatif/compareRuns.js';
export { StreamRunner } from './stream/streamRunner.js';
export type { StreamOutput, StreamResult } from './stream/streamRunner.js';
export { exploreOrderings } from './explore/exploreOrderings.js';
export type { ExploreOptions, ExploreResult } from './explore/exploreOrderings.js';
export { allStates, guardText, machineGraph } from './export/machineGraph.js';
export type { GraphEdge, GraphState, MachineGraph } from './export/machineGraph.js';
export { EXPORT_FORMATS, exportDiagram, toDot, toMermaid, toScxml } from './export/formats.js';
export type { ExportFormat } from './export/formats.js';
export { layoutDiagram } from './viewer/layout.js';
export type { DiagramLayout, PlacedEdge, PlacedState } from './viewer/layout.js';
export { swimlanes, viewerModel, viewerSteps } from './viewer/viewerModel.js';
export type { Segment, Swimlanes, ViewerModel, ViewerStep } from './viewer/viewerModel.js';
export { activeStateIds } from './viewer/client/stateIds.js';
export { startViewerServer } from './viewer/server.js';
export type { ViewerServer } from './viewer/server.js';
export { CompiledMachine } from './engine/compiledMachine.js';
export type { CompileOptions, EngineState, EngineStats, Recipe } from './engine/compiledMachine.js';
export { readMachineStructure, UnsupportedMachineError } from './engine/machineStructure.js';
export type { Atom, EventTypeStructure, LeafGuard, MachineStructure, Region } from './engine/machineStructure.js';
export { compileRelationshipMachine, enginePhase, engineStateOf, engineView, fastReplay, relationshipEngine } from './engine/relationshipEngine.js';
export type { RelationshipEngine, RelationshipEngineState } from './engine/relationshipEngine.js';
