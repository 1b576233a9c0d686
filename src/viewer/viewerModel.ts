import { type Swimlanes, swimlanes } from '../data/swimlanes.js';
import { activeStateIds } from '../machine/stateIds.js';
import type { Change } from '../machine/view.js';
import { type CheckpointVerdict, checkpointSource, formatMismatch, readingOf } from '../replay/checkpoints.js';
import { describeEvent } from '../replay/describeEvent.js';
import { type Replay, toMachineEvent } from '../replay/replay.js';
import type { Checkpoint, Scenario } from '../scenario/schema.js';
import { basisOf, type EventBasis } from '../scenario/schema.js';
import type { Phase } from '../vocabulary/channels.js';
import { partialDate } from '../vocabulary/dates.js';
import type { RelationshipEvent } from '../vocabulary/events.js';
import type { Edit } from '../whatif/applyEdits.js';
import { type CheckpointPlacement, compareRuns } from '../whatif/compareRuns.js';
import { sameValue } from '../whatif/sameValue.js';
import type { DiagramLayout } from './layout.js';

export type { Segment, Swimlanes } from '../data/swimlanes.js';

/** One event as the viewer's timeline and scrubber show it. */
export interface ViewerStep {
  index: number;
  date: string;
  id: string;
  type: string;
  description: string;
  quote: string | null;
  /** The article's outlet and the date it reported, e.g. `Financial Times, reported 2024-04`. */
  outlet: string | null;
  /** The article the event's quote is from: outlet, headline (in brackets where it is a description, not the article's own), when it was reported, and its address if the scenario has one. */
  source: { outlet: string; headline: string; reported: string; url: string | null } | null;
  /** How the event is known: reported, an outside fact, an inference, or hypothetical. */
  basis: EventBasis;
  hypothetical: string | null;
  inferred: string | null;
  /** Facts from outside the articles, each as `fact — outlet, date`. */
  outside: string[];
  phase: Phase;
  /** Ids of the machine states active after the event, e.g. `thaw.ministerial.link.suspended`. */
  active: string[];
  changes: Change[];
  notes: string[];
  /** The event as the machine receives it, to match live inspection events to steps. */
  machineEvent: RelationshipEvent;
}

/** A checkpoint where the viewer shows it: after which step, its claim, and any mismatch. */
export interface ViewerCheckpoint {
  id: string;
  afterIndex: number;
  holds: boolean;
  /** Asserts nothing: `reading` is the model's reading there, not judged. */
  observation: boolean;
  /** Who reports the claim: an article, an outside source, or "predicted". */
  source: string;
  /** The model's reading there: the phase, and every channel not open and quiet. */
  reading: string;
  claim: string;
  /** Each way the state differs from what the checkpoint expects, as `path: expected X, got Y`. */
  mismatches: string[];
}

/** How a what-if's events differ from its base's. */
export interface ViewerEdit {
  kind: 'removed' | 'inserted' | 'changed' | 'moved';
  id: string;
  /** The event's date in the what-if (in the base, for a removed one). */
  date: string;
  description: string;
  /** For a moved event, its date in the base. */
  baseDate?: string;
  /** Its step in the what-if; -1 for a removed event. */
  step: number;
}

/** A checkpoint of the what-if or its base, held in both histories. */
export interface ViewerCheckpointPair {
  id: string;
  from: 'whatIf' | 'base';
  claim: string;
  base: { holds: boolean; observation: boolean; afterEvent: string | null; mismatches: string[] };
  whatIf: { holds: boolean; observation: boolean; afterEvent: string | null; mismatches: string[] };
}

/** What the viewer shows of a what-if beyond its own replay: the question, the edits, the base. */
export interface ViewerWhatIf {
  description: string;
  baseTitle: string;
  edits: ViewerEdit[];
  checkpoints: ViewerCheckpointPair[];
  /** The base's replay, for the diagram to show either history. */
  baseSteps: ViewerStep[];
  baseInitialActive: string[];
}

/**
 * What the page needs to let a reader make a what-if of their own: the scenario edits start from
 * (a what-if's base), the edits already made (a what-if's own), and how to name the base in a
 * saved what-if file. Edits a reader makes go after these.
 */
export interface ViewerEditor {
  base: Scenario;
  /**
   * The base's path as a saved what-if names it: absolute in `thaw inspect`'s page, which stays on
   * this machine (the file may be saved anywhere); relative in an exported page, which is published.
   */
  basePath: string;
  /** The base's label on the lanes. */
  baseLabel: string;
  edits: Edit[];
  /** A what-if's own checkpoints, kept in a saved file; none for a scenario. */
  checkpoints: Checkpoint[];
  /** For the insert form: each event type's payload, as JSON Schema. */
  payloadSchemas: Record<string, unknown>;
}

/** Everything the viewer page draws, computed once by the server from the library. */
export interface ViewerModel {
  title: string;
  file: string;
  layout: DiagramLayout;
  initialActive: string[];
  /** The phase before any event. */
  initialPhase: Phase;
  steps: ViewerStep[];
  checkpoints: ViewerCheckpoint[];
  /** The scenario's swimlanes, and for a what-if, its base's first. */
  swimlanes: Swimlanes[];
  /** For a what-if: its question, its edits and its base. */
  whatIf?: ViewerWhatIf;
  /** What the in-page what-if editor starts from; absent where editing is not offered. */
  editor?: ViewerEditor;
}

/** A checkpoint's verdict as the viewer shows it. Pure. */
export function viewerCheckpoint(verdict: CheckpointVerdict, sources: Scenario['sources']): ViewerCheckpoint {
  return {
    id: verdict.checkpoint.id,
    afterIndex: verdict.afterIndex,
    holds: verdict.holds,
    observation: verdict.observation,
    source: checkpointSource(verdict.checkpoint, sources),
    reading: readingOf(verdict.state),
    claim: verdict.checkpoint.claim,
    mismatches: verdict.mismatches.map(formatMismatch),
  };
}

/** The steps of a replay as the viewer shows them. Pure. */
export function viewerSteps(run: Replay): ViewerStep[] {
  return run.steps.map((step) => {
    const { event } = step;
    const article = event.source ? run.scenario.sources[event.source.article] : undefined;
    return {
      index: step.index,
      date: event.date,
      id: event.id,
      type: event.type,
      description: describeEvent(toMachineEvent(event)),
      quote: event.source?.quote ?? null,
      outlet: article ? `${article.outlet}, reported ${article.date}` : (event.source?.article ?? null),
      source: article
        ? { outlet: article.outlet, headline: article.described ? `[${article.headline}]` : article.headline, reported: article.date, url: article.url ?? null }
        : null,
      basis: basisOf(event),
      hypothetical: event.hypothetical ?? null,
      inferred: event.inferred ?? null,
      outside: (event.outside ?? []).map((fact) => `${fact.fact} — ${fact.outlet}${fact.date ? `, ${fact.date}` : ''}`),
      phase: step.state.phase,
      active: activeStateIds(step.stateValue),
      changes: step.changes,
      notes: step.notes,
      machineEvent: toMachineEvent(event),
    };
  });
}

/** How a what-if's events differ from its base's, in the what-if's order, removed events at their base dates. Pure. */
export function viewerEdits(base: Replay, whatIf: Replay): ViewerEdit[] {
  const baseById = new Map(base.scenario.events.map((event) => [event.id, event]));
  const whatIfIds = new Set(whatIf.scenario.events.map((event) => event.id));
  const edits: ViewerEdit[] = [];
  whatIf.scenario.events.forEach((event, step) => {
    const before = baseById.get(event.id);
    const description = describeEvent(toMachineEvent(event));
    if (!before) edits.push({ kind: 'inserted', id: event.id, date: event.date, description, step });
    else if (before.date !== event.date) edits.push({ kind: 'moved', id: event.id, date: event.date, baseDate: before.date, description, step });
    else if (!sameValue(before, event)) edits.push({ kind: 'changed', id: event.id, date: event.date, description, step });
  });
  for (const event of base.scenario.events) {
    if (!whatIfIds.has(event.id)) edits.push({ kind: 'removed', id: event.id, date: event.date, description: describeEvent(toMachineEvent(event)), step: -1 });
  }
  return edits.sort((a, b) => (partialDate(a.date).start < partialDate(b.date).start ? -1 : partialDate(a.date).start > partialDate(b.date).start ? 1 : 0));
}

/**
 * Everything the viewer draws for a replay, and, for a what-if, its base's swimlanes beside it,
 * on the statechart's layout (see layoutDiagram, which needs Node; this runs in the page too). Pure.
 */
export function viewerModel(options: { run: Replay; file: string; layout: DiagramLayout; base?: { label: string; run: Replay } }): ViewerModel {
  const { run } = options;
  const label = options.base ? `what-if: ${run.scenario.id}` : run.scenario.id;
  let lanes = [swimlanes(run, label)];
  if (options.base) {
    // A what-if and its base share one time axis so their lanes line up.
    const base = swimlanes(options.base.run, options.base.label);
    const own = lanes[0] as Swimlanes;
    const axis = { start: base.start < own.start ? base.start : own.start, end: base.end > own.end ? base.end : own.end };
    lanes = [swimlanes(options.base.run, options.base.label, axis), swimlanes(run, label, axis)];
  }
  return {
    title: run.scenario.title,
    file: options.file,
    layout: options.layout,
    initialActive: activeStateIds(run.initialValue),
    initialPhase: run.initial.phase,
    steps: viewerSteps(run),
    checkpoints: run.verdicts.map((verdict) => viewerCheckpoint(verdict, run.scenario.sources)),
    swimlanes: lanes,
    ...(options.base ? { whatIf: whatIfPart(options.base.run, run) } : {}),
  };
}

function whatIfPart(base: Replay, run: Replay): ViewerWhatIf {
  const placed = (placement: CheckpointPlacement) => ({
    holds: placement.holds,
    observation: placement.observation,
    afterEvent: placement.afterEvent,
    mismatches: placement.mismatches.map(formatMismatch),
  });
  return {
    description: run.scenario.description,
    baseTitle: base.scenario.title,
    edits: viewerEdits(base, run),
    checkpoints: compareRuns(base, run).checkpoints.map((pair) => ({
      id: pair.id,
      from: pair.from,
      claim: pair.claim,
      base: placed(pair.base),
      whatIf: placed(pair.whatIf),
    })),
    baseSteps: viewerSteps(base),
    baseInitialActive: activeStateIds(base.initialValue),
  };
}
