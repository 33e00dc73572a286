import type { CategoryNode, Directory, Group, Person } from '../../core/directory/directory-schema.js';

export type IssuePath = readonly (string | number)[];

/** One problem found in the directory, located by its key path in the file. */
export interface DirectoryIssue {
  readonly path: IssuePath;
  readonly message: string;
}

/** Reports the second and later occurrence of each key, pointing back at the first. */
function findDuplicates(
  entries: readonly { key: string; path: IssuePath }[],
  describe: (key: string) => string,
): DirectoryIssue[] {
  const first = new Map<string, IssuePath>();
  const issues: DirectoryIssue[] = [];
  for (const { key, path } of entries) {
    const earlier = first.get(key);
    if (earlier) issues.push({ path, message: `${describe(key)} (also at ${formatPath(earlier)})` });
    else first.set(key, path);
  }
  return issues;
}

export function formatPath(path: IssuePath): string {
  if (path.length === 0) return '(root)';
  return path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${key}` : key),
    '',
  );
}

function categoryPaths(nodes: readonly CategoryNode[], prefix = ''): string[] {
  return nodes.flatMap((node) => {
    const path = prefix ? `${prefix}/${node.name}` : node.name;
    return [path, ...categoryPaths(node.children, path)];
  });
}

/** Every group chat the bot serves, with where it sits in the file. */
function groupsOf(directory: Directory): { group: Group; path: IssuePath }[] {
  return [
    ...directory.departments.map((d, i) => ({
      group: { id: d.id, name: d.name, chat: d.chat, members: d.officials },
      path: ['departments', i] as IssuePath,
    })),
    { group: directory.staff, path: ['staff'] },
    { group: directory.supervisors, path: ['supervisors'] },
  ];
}

function peopleOf(directory: Directory): { person: Person; path: IssuePath }[] {
  return groupsOf(directory).flatMap(({ group, path }) =>
    group.members.map((person, j) => ({
      person,
      path: [...path, path[0] === 'departments' ? 'officials' : 'members', j, 'id'],
    })),
  );
}

function checkIdentities(directory: Directory): DirectoryIssue[] {
  const groups = groupsOf(directory);
  const chats = (pick: (g: Group) => string | undefined, ...keys: string[]) =>
    groups.flatMap(({ group, path }) => {
      const value = pick(group);
      return value === undefined ? [] : [{ key: value, path: [...path, 'chat', ...keys] }];
    });
  return [
    ...findDuplicates(
      groups.map(({ group, path }) => ({ key: group.id, path: [...path, 'id'] })),
      (id) => `duplicate group id "${id}"`,
    ),
    ...findDuplicates(
      peopleOf(directory).map(({ person, path }) => ({ key: person.id, path })),
      (id) => `duplicate person id "${id}"`,
    ),
    // The web chat id defaults to the group id, so a clash can hide behind a missing `chat.web`.
    ...findDuplicates(
      groups.map(({ group, path }) => ({
        key: group.chat.web ?? group.id,
        path: group.chat.web === undefined ? [...path, 'id'] : [...path, 'chat', 'web'],
      })),
      (chat) => `duplicate web chat "${chat}"`,
    ),
    // One chat bound to two groups would make the official bot guess whose order a message is about.
    ...findDuplicates(
      chats((g) => g.chat.feishu, 'feishu'),
      (chat) => `Feishu chat "${chat}" is bound twice`,
    ),
    ...findDuplicates(
      chats((g) => g.chat.wechat?.roomId, 'wechat', 'roomId'),
      (room) => `WeChat room "${room}" is bound twice`,
    ),
    ...findDuplicates(
      chats((g) => g.chat.wechat?.topic, 'wechat', 'topic'),
      (topic) => `WeChat room topic "${topic}" is bound twice`,
    ),
  ];
}

function checkTowns(directory: Directory): DirectoryIssue[] {
  const towns = new Set(directory.towns.map((t) => t.name));
  const issues = findDuplicates(
    directory.towns.map((t, i) => ({ key: t.name, path: ['towns', i, 'name'] })),
    (name) => `duplicate town "${name}"`,
  );
  directory.departments.forEach((d, i) => {
    if (d.kind !== 'town') return;
    if (d.town === undefined)
      issues.push({ path: ['departments', i], message: 'a town government must name its `town`' });
    else if (!towns.has(d.town))
      issues.push({ path: ['departments', i, 'town'], message: unknownTown(directory, d.town) });
  });
  const disciplines = directory.departments.flatMap((d, i) => (d.kind === 'discipline' ? [i] : []));
  if (disciplines.length === 0) {
    issues.push({
      path: ['departments'],
      message: 'no department of kind discipline (纪委监委): conduct complaints need one',
    });
  }
  for (const i of disciplines.slice(1)) {
    issues.push({
      path: ['departments', i, 'kind'],
      message: `only one department may be of kind discipline (also departments[${disciplines[0]}])`,
    });
  }
  return issues;
}

function unknownTown(directory: Directory, name: string): string {
  const owner = directory.towns.find((t) => t.aliases.includes(name));
  return owner ? `"${name}" is an alias: use the town's name "${owner.name}"` : `unknown town "${name}"`;
}

function checkRouting(directory: Directory): DirectoryIssue[] {
  const departments = new Set(directory.departments.map((d) => d.id));
  const categories = new Set(categoryPaths(directory.categories));
  const towns = new Set(directory.towns.map((t) => t.name));
  const issues: DirectoryIssue[] = [];
  const needDepartment = (id: string, path: IssuePath) => {
    if (!departments.has(id)) issues.push({ path, message: `unknown department "${id}"` });
  };
  directory.routing.forEach((route, i) => {
    const at = ['routing', i];
    if (route.category !== '*' && !categories.has(route.category)) {
      issues.push({ path: [...at, 'category'], message: `unknown category "${route.category}"` });
    }
    if (route.town !== undefined && !towns.has(route.town)) {
      issues.push({ path: [...at, 'town'], message: unknownTown(directory, route.town) });
    }
    needDepartment(route.department, [...at, 'department']);
    route.coDepartments.forEach((id, j) => {
      needDepartment(id, [...at, 'coDepartments', j]);
    });
  });
  needDepartment(directory.fallbackDepartment, ['fallbackDepartment']);
  return issues;
}

function checkCategoriesAndFaq(directory: Directory): DirectoryIssue[] {
  const siblings = (nodes: readonly CategoryNode[], path: IssuePath): DirectoryIssue[] => [
    ...findDuplicates(
      nodes.map((n, i) => ({ key: n.name, path: [...path, i, 'name'] })),
      (name) => `duplicate category "${name}"`,
    ),
    ...nodes.flatMap((n, i) => siblings(n.children, [...path, i, 'children'])),
  ];
  const categories = new Set(categoryPaths(directory.categories));
  const faq = directory.faq.flatMap((entry, i) =>
    entry.category !== undefined && !categories.has(entry.category)
      ? [{ path: ['faq', i, 'category'], message: `unknown category "${entry.category}"` }]
      : [],
  );
  return [
    ...siblings(directory.categories, ['categories']),
    ...findDuplicates(
      directory.faq.map((entry, i) => ({ key: entry.id, path: ['faq', i, 'id'] })),
      (id) => `duplicate FAQ id "${id}"`,
    ),
    ...faq,
  ];
}

/** What the schema alone cannot see: references between parts of the directory and unique names. */
export function checkDirectory(directory: Directory): DirectoryIssue[] {
  return [
    ...checkIdentities(directory),
    ...checkTowns(directory),
    ...checkCategoriesAndFaq(directory),
    ...checkRouting(directory),
  ];
}
