import type { ChannelName } from '../messages.js';

/** Who is acting, as established from the directory by the inbound router. */
export type Actor =
  | {
      readonly kind: 'resident';
      readonly channel: ChannelName;
      readonly conversation: string;
      readonly ref: string;
      readonly name?: string;
    }
  | { readonly kind: 'official'; readonly person: string; readonly name: string; readonly department: string }
  | { readonly kind: 'staff'; readonly person: string; readonly name: string }
  | { readonly kind: 'supervisor'; readonly person: string; readonly name: string }
  | { readonly kind: 'system' };

export function actorId(actor: Actor): string {
  switch (actor.kind) {
    case 'resident':
      return 'resident';
    case 'system':
      return 'system';
    default:
      return actor.person;
  }
}

export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case 'resident':
      return '群众';
    case 'system':
      return '系统';
    default:
      return actor.name;
  }
}
