import type { CategoryNode, Department, Directory, Person } from './directory-schema.js';

export type GroupKind = 'department' | 'staff' | 'supervisors';

/** A group chat the bot serves: a department's, the staff group (热线办) or the supervisors'. */
export interface GroupRef {
  readonly kind: GroupKind;
  readonly id: string;
  readonly name: string;
  readonly members: readonly Person[];
  readonly chat: Department['chat'];
}

export interface DirectoryIndex {
  readonly directory: Directory;
  readonly groups: readonly GroupRef[];
  group(id: string): GroupRef | undefined;
  department(id: string): Department | undefined;
  /** By id or (exact or partial) name, e.g. 住建局 → 县住房和城乡建设局 is not guessed; 县住房和城乡建设局 or zjj are. */
  findDepartment(idOrName: string): Department | undefined;
  /** The web chat id of a group (its `chat.web`, else its id). */
  webChat(group: GroupRef): string;
  groupByWebChat(chat: string): GroupRef | undefined;
  person(id: string): { readonly person: Person; readonly group: GroupRef } | undefined;
  readonly categoryPaths: readonly string[];
  readonly discipline: Department;
}

export function flattenCategories(nodes: readonly CategoryNode[], prefix = ''): string[] {
  return nodes.flatMap((node) => {
    const path = prefix ? `${prefix}/${node.name}` : node.name;
    return [path, ...flattenCategories(node.children, path)];
  });
}

export function indexDirectory(directory: Directory): DirectoryIndex {
  const groups: GroupRef[] = [
    { kind: 'staff', ...directory.staff },
    { kind: 'supervisors', ...directory.supervisors },
    ...directory.departments.map((d) => ({
      kind: 'department' as const,
      id: d.id,
      name: d.name,
      members: d.officials,
      chat: d.chat,
    })),
  ];
  const byId = new Map(groups.map((g) => [g.id, g]));
  const webChat = (group: GroupRef) => group.chat.web ?? group.id;
  const byWebChat = new Map(groups.map((g) => [webChat(g), g]));
  const people = new Map<string, { person: Person; group: GroupRef }>();
  for (const group of groups) for (const person of group.members) people.set(person.id, { person, group });
  const departments = new Map(directory.departments.map((d) => [d.id, d]));
  const discipline = directory.departments.find((d) => d.kind === 'discipline') ?? directory.departments[0]!;
  return {
    directory,
    groups,
    group: (id) => byId.get(id),
    department: (id) => departments.get(id),
    findDepartment: (text) => {
      const wanted = text.trim();
      return departments.get(wanted) ?? directory.departments.find((d) => d.name === wanted);
    },
    webChat,
    groupByWebChat: (chat) => byWebChat.get(chat),
    person: (id) => people.get(id),
    categoryPaths: flattenCategories(directory.categories),
    discipline,
  };
}
