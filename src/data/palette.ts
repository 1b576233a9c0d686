// The colours of the phases and the channels' links, once: the viewer's page (its CSS) and the
// charts for reports draw with these, so a chart and the page read alike.
import type { LinkState } from '../machine/view.js';
import type { Phase } from '../vocabulary/channels.js';

/** The colour of each phase. */
export const PHASE_COLOURS: Record<Phase, string> = {
  normal: '#9cc3e6',
  channelsSuspended: '#f0a3a3',
  partiallyRestored: '#f5d37a',
  ministerialResumed: '#8fd1a8',
};

/** The colour of each state of a channel's link. */
export const LINK_COLOURS: Record<LinkState, string> = {
  'open.quiet': '#7fb0dc',
  'open.contactHeld': '#2f6da8',
  suspended: '#d64545',
  refused: '#e07b39',
  'reopened.quiet': '#2f9e63',
  'reopened.contactHeld': '#1f7a4a',
};
