import { CHANNELS, type Phase, type RelationshipState } from '../../src/index.js';

/**
 * The phase rule exactly as the README states it, written independently of the machine's guards
 * so the tests compare the implementation against the documented rule.
 */
export function documentedPhase(state: RelationshipState): Phase {
  const links = CHANNELS.map((channel) => state.channels[channel].link);
  if (links.every((link) => link.startsWith('open.'))) return 'beforeFreeze';
  const ministerial = state.channels.ministerial.link;
  const seated = state.seat.holder !== null && !state.seat.sanctioned;
  if (ministerial === 'reopened.contactHeld' && seated) return 'ministerialResumed';
  if (state.agreement === 'reached' || links.some((link) => link.startsWith('reopened.'))) return 'partiallyRestored';
  return 'channelsSuspended';
}
