import type { DirectoryIndex, GroupRef } from '../../core/directory/directory-index.js';
import { decodeWechatKey, roomKey, topicKey } from './wechat-keys.js';

export interface Learned {
  readonly group: GroupRef;
  /** The room id the topic pointed to before, when another room now carries it. */
  readonly replaced?: string;
}

/**
 * Which WeChat room each directory group lives in. The directory binds a room by id, or by exact
 * topic when the id is not known; topics are resolved to ids as rooms are seen and kept in memory.
 */
export interface RoomBook {
  /** The group of a room, learning the room's id when the directory binds it by this topic. */
  learn(roomId: string, topic: string): Learned | undefined;
  groupOfRoom(roomId: string): GroupRef | undefined;
  /** The group a conversation key names (a room key or an unresolved topic key). */
  groupOfKey(key: string): GroupRef | undefined;
  /** Where to send to a group: its room key, else its topic key (resolved when sending), else nothing. */
  keyOf(group: GroupRef): string | undefined;
  roomIdOfTopic(topic: string): string | undefined;
  /** Topics of bound groups whose room has not been seen yet. */
  unresolvedTopics(): string[];
}

export function createRoomBook(directory: DirectoryIndex): RoomBook {
  const byConfiguredId = new Map<string, GroupRef>();
  const byTopic = new Map<string, GroupRef>();
  for (const group of directory.groups) {
    const binding = group.chat.wechat;
    if (binding?.roomId) byConfiguredId.set(binding.roomId, group);
    else if (binding?.topic) byTopic.set(binding.topic, group);
  }
  const learnedIdOfTopic = new Map<string, string>();
  const learnedGroupOfId = new Map<string, GroupRef>();

  const groupOfRoom = (roomId: string) => byConfiguredId.get(roomId) ?? learnedGroupOfId.get(roomId);

  return {
    learn(roomId, topic) {
      const configured = byConfiguredId.get(roomId);
      if (configured) return { group: configured };
      const group = byTopic.get(topic);
      if (!group) return learnedGroupOfId.has(roomId) ? { group: learnedGroupOfId.get(roomId)! } : undefined;
      const previous = learnedIdOfTopic.get(topic);
      if (previous === roomId) return { group };
      if (previous) learnedGroupOfId.delete(previous);
      // A room renamed from one bound topic to another now serves only the new group.
      for (const [other, id] of learnedIdOfTopic) if (id === roomId) learnedIdOfTopic.delete(other);
      learnedIdOfTopic.set(topic, roomId);
      learnedGroupOfId.set(roomId, group);
      return { group, ...(previous ? { replaced: previous } : {}) };
    },
    groupOfRoom,
    groupOfKey(key) {
      const address = decodeWechatKey(key);
      if (address?.kind === 'room') return groupOfRoom(address.roomId);
      if (address?.kind === 'topic') return byTopic.get(address.topic);
      return undefined;
    },
    keyOf(group) {
      const binding = group.chat.wechat;
      if (binding?.roomId) return roomKey(binding.roomId);
      if (!binding?.topic) return undefined;
      const learned = learnedIdOfTopic.get(binding.topic);
      return learned ? roomKey(learned) : topicKey(binding.topic);
    },
    roomIdOfTopic: (topic) => learnedIdOfTopic.get(topic),
    unresolvedTopics: () => [...byTopic.keys()].filter((topic) => !learnedIdOfTopic.has(topic)),
  };
}
