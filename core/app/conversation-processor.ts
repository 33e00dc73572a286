import { parseCommand } from '../domain/commands.js';
import type { PendingInbound } from '../ports/store-port.js';
import type { Extraction } from '../understanding/extraction.js';
import { type AppDeps, writeEffects } from './app-deps.js';
import { groupTurn } from './group-turn.js';
import { residentTurn } from './resident-turn.js';

interface Turn {
  readonly pending: readonly PendingInbound[];
  readonly text: string;
  extraction?: Extraction;
}

/** Consecutive free-text messages of a resident are one turn; a command is a turn of its own. */
function residentTurns(pending: readonly PendingInbound[]): Turn[] {
  const turns: Turn[] = [];
  let run: PendingInbound[] = [];
  const flush = () => {
    if (run.length)
      turns.push({
        pending: run,
        text: run
          .map((p) => p.message.text.trim())
          .filter(Boolean)
          .join('\n'),
      });
    run = [];
  };
  for (const item of pending) {
    if (parseCommand(item.message.text)) {
      flush();
      turns.push({ pending: [item], text: item.message.text.trim() });
    } else run.push(item);
  }
  flush();
  return turns;
}

const MAX_ATTEMPTS = 3;

/**
 * Processes what is pending in one conversation. Understanding (possibly an LLM) runs before the
 * conversation is locked; the decisions and all their writes then commit in one transaction, which
 * also marks the messages processed, so each message is handled exactly once.
 */
export async function processConversation(key: string, deps: AppDeps): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const pending = await deps.store.transaction((tx) => tx.pendingInbound(key));
    if (!pending.length) return;
    const first = pending[0]!.message;
    const group = deps.channels.get(first.channel)?.groupOf(key);
    const turns: Turn[] = group
      ? pending.map((p) => ({ pending: [p], text: p.message.text }))
      : residentTurns(pending);
    const now = deps.clock();
    if (!group) {
      for (const turn of turns) {
        if (turn.text && !parseCommand(turn.text)) {
          turn.extraction = await deps.understanding.understand(turn.text, { now, allowLlm: true });
        }
      }
    }
    try {
      await deps.store.transaction(async (tx) => {
        let state = await tx.lockConversation(key);
        const still = new Set((await tx.pendingInbound(key)).map((p) => p.seq));
        for (const turn of turns) {
          const seqs = turn.pending.map((p) => p.seq);
          if (!seqs.every((s) => still.has(s))) continue;
          const messages = turn.pending.map((p) => p.message);
          if (group) {
            await writeEffects(tx, await groupTurn(tx, group, messages[0]!, deps, now), now, deps);
          } else {
            const outcome = await residentTurn(
              tx,
              state,
              { messages, text: turn.text, ...(turn.extraction ? { extraction: turn.extraction } : {}) },
              deps,
              now,
            );
            state = outcome.state;
            await writeEffects(tx, outcome.effects, now, deps);
          }
          await tx.markProcessed(seqs);
        }
        await tx.saveConversation(key, state);
      });
      deps.afterCommit();
      attempt = 0;
    } catch (error) {
      const ids = pending.map((p) => p.message.id);
      deps.logger.error({ conversation: key, messageIds: ids, attempt, err: error }, 'processing failed');
      if (attempt < MAX_ATTEMPTS) continue;
      await giveUp(key, pending, deps);
      return;
    }
  }
}

/** A message that keeps failing is set aside with an apology, so the conversation is not stuck. */
async function giveUp(key: string, pending: readonly PendingInbound[], deps: AppDeps): Promise<void> {
  const first = pending[0]!.message;
  const now = deps.clock();
  await deps.store.transaction(async (tx) => {
    await tx.markProcessed(pending.map((p) => p.seq));
    const target = { kind: 'conversation' as const, channel: first.channel, conversation: key };
    await writeEffects(
      tx,
      [{ type: 'send', target, message: { text: '抱歉，系统暂时没能处理您的消息，请稍后再发一次。' } }],
      now,
      deps,
    );
  });
  deps.afterCommit();
}
