import type { TimePolicy } from '../deadline/time-policy.js';
import type { DirectoryIndex } from '../directory/directory-index.js';
import type { Templates } from '../text/templates.js';
import type { Effect } from './effects.js';
import type { Ticket, TicketEvent } from './ticket.js';

/** Everything a pure decision may read besides its state: the clock, the directory, the rules. */
export interface DecisionContext {
  readonly now: Date;
  readonly directory: DirectoryIndex;
  readonly templates: Templates;
  readonly time: TimePolicy;
}

/** The outcome of a decision about one ticket: its new state, timeline rows, and effects. */
export interface TicketDecision {
  readonly ticket: Ticket;
  readonly events: readonly TicketEvent[];
  readonly effects: readonly Effect[];
  /** Short answer to the person who acted. */
  readonly reply?: string;
}
