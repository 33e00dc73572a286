import type { Flag } from '../domain/vocabulary.js';
import type { DirectoryIndex } from './directory-index.js';
import type { Route } from './directory-schema.js';

export interface RoutingInput {
  readonly category?: string;
  readonly town?: string;
  readonly text: string;
  readonly flags?: readonly Flag[];
}

export interface RoutingResult {
  readonly department: string;
  readonly coDepartments: readonly string[];
  /** The 派单目录 line that matched; absent when the fallback was used. */
  readonly route?: Route;
}

function categoryMatches(routeCategory: string, category: string | undefined): boolean {
  if (routeCategory === '*') return true;
  if (!category) return false;
  return category === routeCategory || category.startsWith(`${routeCategory}/`);
}

/**
 * The 派单目录: the first line whose category (a level-1 line covers its children), town and
 * keywords all match. Conduct complaints (涉纪) go to the discipline inspection unit only.
 */
export function routeOrder(directory: DirectoryIndex, input: RoutingInput): RoutingResult {
  if (input.flags?.includes('涉纪')) return { department: directory.discipline.id, coDepartments: [] };
  for (const route of directory.directory.routing) {
    if (!categoryMatches(route.category, input.category)) continue;
    if (route.town && route.town !== input.town) continue;
    if (route.keywords && !route.keywords.some((k) => input.text.includes(k))) continue;
    return { department: route.department, coDepartments: route.coDepartments, route };
  }
  return { department: directory.directory.fallbackDepartment, coDepartments: [] };
}
