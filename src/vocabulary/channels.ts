/** The contact channels the machine tracks, one parallel region each (see docs/model.md). */
export const CHANNELS = ['leaders', 'ministerial', 'chiefs', 'theater', 'policyTalks', 'maritimeTalks', 'attache'] as const;

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
  policyTalks: 'policy talks (DPCT, DCT)',
  maritimeTalks: 'maritime talks (MMCA)',
  attache: 'attaché',
};

/**
 * The phases: normal relations, and the three the card names, in the order a freeze moves
 * through them; after a full restoration the relationship is normal again, and the next cut
 * starts a new freeze.
 */
export const PHASES = ['normal', 'channelsSuspended', 'partiallyRestored', 'ministerialResumed'] as const;
export type Phase = (typeof PHASES)[number];

/** Human-readable phase names. */
export const PHASE_LABELS: Record<Phase, string> = {
  normal: 'normal relations',
  channelsSuspended: 'channels suspended',
  partiallyRestored: 'partially restored',
  ministerialResumed: 'ministerial contact resumed',
};

/**
 * How long, in calendar months, a contact keeps a channel live: after that long with no contact
 * the channel's contact has gone stale (`contactHeld` becomes `quiet`). Each suits the channel's
 * cadence (docs/model.md, "Contact goes stale", gives the evidence): the ministers meet at the
 * annual forums and speak between them, the chiefs and theater commanders speak occasionally, the
 * MMCA meets twice a year and the policy talks about once a year, the leaders about once a year.
 */
export const CONTACT_LIFETIME: Record<Channel, number> = {
  leaders: 18,
  ministerial: 12,
  chiefs: 12,
  theater: 12,
  policyTalks: 18,
  maritimeTalks: 12,
  attache: 12,
};

/**
 * The offices whose holders the machine tracks: who sits at each end of a channel. A contact on
 * a channel counts for the holders in office then; when either changes hands, contact must be
 * held anew. A channel with no office here has no tracked principals.
 */
export const OFFICE_TABLE = {
  usDefenseSecretary: { side: 'US', channel: 'ministerial', label: 'US Secretary of Defense' },
  prcDefenseMinister: { side: 'PRC', channel: 'ministerial', label: 'PRC Minister of National Defense' },
  usJointChiefsChairman: { side: 'US', channel: 'chiefs', label: 'Chairman of the US Joint Chiefs of Staff' },
  prcJointStaffChief: {
    side: 'PRC',
    channel: 'chiefs',
    label: 'Chief of the PLA Joint Staff Department',
    earlier: [{ until: '2016-01-10', label: 'Chief of the PLA General Staff' }],
  },
} as const satisfies Record<string, { side: Side; channel: Channel; label: string; earlier?: ReadonlyArray<{ until: string; label: string }> }>;

export type Office = keyof typeof OFFICE_TABLE;

/**
 * The office's name on a date: the PLA's Chief of the General Staff became the Chief of the CMC
 * Joint Staff Department when the general departments were reorganized on 11 January 2016. Pure.
 */
export function officeLabelOn(office: Office, date: string): string {
  const entry = OFFICE_TABLE[office] as { label: string; earlier?: ReadonlyArray<{ until: string; label: string }> };
  return entry.earlier?.find((era) => date <= era.until)?.label ?? entry.label;
}

/** Every tracked office, in the order of OFFICE_TABLE. */
export const OFFICES = Object.keys(OFFICE_TABLE) as Office[];

/** The offices at the two ends of a channel (none for channels without tracked principals). Pure. */
export function officesOf(channel: Channel): Office[] {
  return OFFICES.filter((office) => OFFICE_TABLE[office].channel === channel);
}

/**
 * Countries as ISO 3166-1 alpha-3 codes, the actor and target codes event datasets use. The list
 * is what the vocabulary knows; add a code here to use it.
 */
export const COUNTRIES = ['USA', 'CHN', 'TWN', 'PHL', 'JPN', 'KOR', 'AUS', 'VNM'] as const;
