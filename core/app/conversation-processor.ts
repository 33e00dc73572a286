import { transcripts } from '../domain/intake-attachments.js';
import { residentCommand } from '../domain/intake-commands.js';
import { mayUseLlm } from '../domain/intake-understanding.js';
import { hasContent } from '../domain/intake-words.js';
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

/** What a resident's message says in words: its text, then any voice transcript the channel gave. */
const wordsOf = (p: PendingInbound) =>
  [p.message.text.trim(), ...transcripts(p.message.attachments)].filter(Boolean).join('\n');

/**
 * Consecutive free-text messages of a resident (those that arrived within the quiet window) are one
 * turn, read together; a command is a turn of its own, so it works in the middle of a draft.
 */
function residentTurns(pending: readonly PendingInbound[]): Turn[] {
  const turns: Turn[] = [];
  let run: PendingInbound[] = [];
  const flush = () => {
    if (run.length) turns.push({ pending: run, text: run.map(wordsOf).filter(Boolean).join('\n') });
    run = [];
  };
  for (const item of pending) {
    if (residentCommand(item.message.text)) {
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
    const { pending, peeked } = await deps.store.transaction(async (tx) => ({
      pending: await tx.pendingInbound(key),
      peeked: await tx.peekConversation(key),
    }));
    if (!pending.length) return;
    const first = pending[0]!.message;
    const group = deps.channels.get(first.channel)?.groupOf(key);
    const turns: Turn[] = group
      ? pending.map((p) => ({ pending: [p], text: p.message.text }))
      : residentTurns(pending);
    const now = deps.clock();
    if (!group) {
      for (const turn of turns) {
        if (hasContent(turn.text) && !residentCommand(turn.text)) {
          // The state read here is only a hint (it is re-read under the lock): it decides whether
          // the text describes a matter (an LLM may help) or answers a question (rules suffice).
          const allowLlm = mayUseLlm(peeked, turn.text);
          turn.extraction = await deps.understanding.understand(turn.text, { now, allowLlm });
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
              {
                messages,
                text: turn.text,
                lastSeq: seqs.at(-1)!,
                ...(turn.extraction ? { extraction: turn.extraction } : {}),
              },
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
      [{ type: 'send', target, message: { text: deps.templates.processingFailed } }],
      now,
      deps,
    );
  });
  deps.afterCommit();
}
