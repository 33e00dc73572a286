import type { DirectoryIndex } from '../directory/directory-index.js';
import type { Effect, MessageContent, Target } from '../domain/effects.js';
import type { ChannelName, OutboundMessage } from '../messages.js';
import type { ChannelPort } from '../ports/channel-port.js';
import type { OutboxItem } from '../ports/store-port.js';

export interface EffectRunnerDeps {
  readonly channels: ReadonlyMap<ChannelName, ChannelPort>;
  readonly directory: DirectoryIndex;
  /** When a message for a resident may be sent (quiet hours pushed to their end). */
  readonly residentSendTime: (at: Date) => Date;
}

/**
 * The one place effects become I/O: each becomes outbox rows written in the deciding transaction.
 * A group target fans out to every channel the group is bound on.
 */
export function effectsToOutbox(effects: readonly Effect[], now: Date, deps: EffectRunnerDeps): OutboxItem[] {
  return effects.flatMap((effect) => toOutboxItems(effect, now, deps));
}

function toOutboxItems(effect: Effect, now: Date, deps: EffectRunnerDeps): OutboxItem[] {
  if (effect.type === 'schedule')
    return [{ kind: 'schedule', jobId: effect.jobId, at: effect.at, timer: effect.timer }];
  if (effect.type === 'cancel') return [{ kind: 'cancel', jobId: effect.jobId }];
  const notBefore = effect.respectQuietHours ? deps.residentSendTime(now) : undefined;
  const later = notBefore && notBefore.getTime() > now.getTime() ? { notBefore } : {};
  const targets = resolveTarget(effect.target, deps).filter(
    // A card update goes only where cards can be updated in place.
    ([channel]) => !effect.message.updatesCard || deps.channels.get(channel)?.updateCard !== undefined,
  );
  return targets.map(([channel, conversation]) => ({
    kind: 'send',
    message: toOutbound(channel, conversation, effect.message, deps),
    ...later,
  }));
}

function resolveTarget(target: Target, deps: EffectRunnerDeps): [ChannelName, string][] {
  if (target.kind === 'conversation') return [[target.channel, target.conversation]];
  const group = deps.directory.group(target.group);
  if (!group) return [];
  const out: [ChannelName, string][] = [];
  for (const channel of deps.channels.values()) {
    const conversation = channel.groupConversation(group);
    if (conversation) out.push([channel.name, conversation]);
  }
  return out;
}

function toOutbound(
  channel: ChannelName,
  conversation: string,
  content: MessageContent,
  deps: EffectRunnerDeps,
): OutboundMessage {
  const port = deps.channels.get(channel);
  const people = (content.mentions ?? []).flatMap((id) => {
    const found = deps.directory.person(id);
    return found ? [found.person] : [];
  });
  const mentions = port && people.length ? port.mentionIds(people) : [];
  return {
    channel,
    conversation,
    text: content.text,
    ...(content.card ? { card: content.card } : {}),
    ...(content.actions ? { actions: content.actions } : {}),
    ...(mentions.length ? { mentions } : {}),
    ...(content.updatesCard ? { updatesCard: true } : {}),
  };
}
