/** The contact channels the machine tracks, one parallel region each (see DOMAIN.md). */
export const CHANNELS = [
  'leaders',
  'ministerial',
  'chiefs',
  'theater',
  'policyTalks',
  'maritimeTalks',
  'attache',
] as const;

export type Channel = (typeof CHANNELS)[number];

/** The two sides of every dyad in the model. */
export const SIDES = ['US', 'PRC'] as const;
export type Side = (typeof SIDES)[number];

/** Human-readable channel names, for the timeline and error messages. */
export const CHANNEL_LABELS: Record<Channel, string> = {
  leaders: 'leaders',
  ministerial: 'ministerial',
  chiefs: 'chiefs of staff',
  theater: 'theater commanders',
  policyTalks: 'policy talks',
  maritimeTalks: 'maritime talks (MMCA)',
  attache: 'attaché',
};

/** The four phases the card names, in the order the relationship moves through them. */
export const PHASES = [
  'beforeFreeze',
  'channelsSuspended',
  'partiallyRestored',
  'ministerialResumed',
] as const;
export type Phase = (typeof PHASES)[number];

/** Human-readable phase names. */
export const PHASE_LABELS: Record<Phase, string> = {
  beforeFreeze: 'before the freeze',
  channelsSuspended: 'channels suspended',
  partiallyRestored: 'partially restored',
  ministerialResumed: 'ministerial contact resumed',
};

/** Offices whose holders the machine tracks. Only the PRC defence seat, for now. */
export const OFFICES = ['prcDefenceMinister'] as const;
export type Office = (typeof OFFICES)[number];
