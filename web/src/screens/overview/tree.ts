import type { LiveState } from '../../live/live';
import type { TreeNode } from './types';

export interface LoadGroupRow { id: string; name: string; kind: string; depth: number; powerKw: number; limitKw: number | null }

/** The site's load groups depth-first (the tree's order), each with its live power and limit now. */
export function loadGroupRows(tree: TreeNode, live: LiveState): LoadGroupRow[] {
  const rows: LoadGroupRow[] = [];
  const walk = (node: TreeNode, depth: number) => {
    for (const child of node.children) {
      const l = live.loadGroups[child.id];
      rows.push({
        id: child.id, name: child.name, kind: child.kind, depth,
        powerKw: l?.powerKw ?? 0, limitKw: l?.limitKwNow ?? child.limitKwNow,
      });
      walk(child, depth + 1);
    }
  };
  walk(tree, 0);
  return rows;
}

export const kindLabel: Record<string, string> = { subBoard: 'Sub-board', feeder: 'Feeder', chargerGroup: 'Charger group' };
