// The states the documented rules say cannot be reached again once something has happened.
// verify's trap check asks that every state stay reachable from every other, except these.
import type { RelationshipState } from '../machine/view.js';
import { CHANNELS, OFFICES, officesOf } from '../vocabulary/channels.js';

/** Once `passed` holds in a state, the state node `closes` names may be unreachable from it. */
export interface OneWayDoor {
  rule: string;
  /** Whether this door closes the state node at a dotted path such as `phase.normal`. */
  closes: (node: string) => boolean;
  passed: (state: RelationshipState) => boolean;
}

export const ONE_WAY_DOORS: OneWayDoor[] = [
  ...CHANNELS.flatMap((channel) => [
    {
      // Only a cut elsewhere, from normal relations (a new freeze), makes it "open" again, and
      // its own search cuts no other channel.
      rule: `once the ${channel} channel has been cut or refused, its link is "reopened", "open" again only in a new freeze another channel starts`,
      closes: (node: string) => node === `${channel}.link.open` || node.startsWith(`${channel}.link.open.`),
      passed: (state: RelationshipState) => !state.channels[channel].link.startsWith('open'),
    },
    // On a channel with offices, contact lapses when either changes hands; on the others it stays.
    ...(officesOf(channel).length > 0
      ? []
      : [
          {
            // Contact goes stale only after months with none, and a search's events all carry one date.
            rule: `a contact held on the ${channel} channel before any cut or refusal stays live in a search of one date: "open.quiet" does not come back`,
            closes: (node: string) => node === `${channel}.link.open.quiet`,
            passed: (state: RelationshipState) => state.channels[channel].link === 'open.contactHeld',
          },
        ]),
  ]),
  ...OFFICES.map((office) => ({
    rule: `once the ${office} office has a holder on record, it is held or vacant, never again "unknown"`,
    closes: (node: string) => node === `${office}.unknown`,
    passed: (state: RelationshipState) => state.offices[office].status !== 'unknown',
  })),
  {
    rule: "the leaders' agreement to resume is never undone",
    closes: (node) => node === 'agreement.none',
    passed: (state) => state.agreement === 'reached',
  },
];
