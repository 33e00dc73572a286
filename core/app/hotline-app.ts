import type { GroupRef } from '../directory/directory-index.js';
import type { TimerPayload } from '../domain/effects.js';
import type { InboundMessage } from '../messages.js';
import type { AppDeps } from './app-deps.js';
import { type CheckResult, checkGroupCommand } from './command-check.js';
import { processConversation } from './conversation-processor.js';
import { sendCalendarWarning } from './digest.js';
import { createKeyedRunner } from './keyed-runner.js';
import { handleTimer } from './timer-handler.js';

export interface HotlineApp {
  /** Stores an inbound message (once) and schedules its conversation. */
  receive(message: InboundMessage): Promise<'accepted' | 'duplicate'>;
  /** Picks up messages left pending by a previous run. */
  recover(): Promise<void>;
  handleTimer(payload: TimerPayload): Promise<'done' | 'stale'>;
  /** Read-only pre-check of a group command (for a channel that must answer a button at once). */
  check(group: GroupRef, message: InboundMessage): Promise<CheckResult>;
  /** Warns the staff group when the holiday calendar lacks the coming year. */
  checkCalendar(): Promise<void>;
  /** Resolves when no conversation is waiting or being processed. */
  idle(): Promise<void>;
  stop(): void;
}

export function createHotlineApp(deps: AppDeps): HotlineApp {
  const runner = createKeyedRunner(
    (key) => processConversation(key, deps),
    (key, error) => deps.logger.error({ conversation: key, err: error }, 'conversation runner failed'),
  );
  const delayFor = (message: InboundMessage) => {
    const isGroup = deps.channels.get(message.channel)?.groupOf(message.conversation) !== undefined;
    return isGroup ? 0 : deps.directory.directory.intake.quietWindow;
  };
  return {
    async receive(message) {
      const fresh = await deps.store.saveInbound(message);
      if (!fresh) {
        deps.logger.debug({ channel: message.channel, messageId: message.id }, 'duplicate inbound dropped');
        return 'duplicate';
      }
      runner.schedule(message.conversation, delayFor(message));
      return 'accepted';
    },
    async recover() {
      for (const key of await deps.store.conversationsWithPending()) runner.schedule(key, 0);
    },
    handleTimer: (payload) => handleTimer(payload, deps),
    check: (group, message) => checkGroupCommand(group, message, deps),
    checkCalendar: () => sendCalendarWarning(deps, deps.clock()),
    idle: () => runner.idle(),
    stop: () => runner.stop(),
  };
}
