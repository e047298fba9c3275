import { expect, test } from 'vitest';
import { fromSnapshot } from '../../live/live';
import { loadGroupRows } from './tree';
import type { TreeNode } from './types';

const node = (id: string, children: TreeNode[] = [], limitKwNow: number | null = 100): TreeNode =>
  ({ id, kind: 'subBoard', name: id, limitKwNow, chargers: [], children });

test('groups come depth-first with live power, the live limit over the tree\'s', () => {
  const tree = { ...node('site', [node('A', [node('A1')]), node('B', [], 50)]), kind: 'site' as const };
  const live = fromSnapshot({
    sequence: 1, chargers: [], connectors: [], sites: [],
    loadGroups: [{ id: 'A1', siteId: 'site', powerKw: 12, limitKwNow: 69 }],
  });
  expect(loadGroupRows(tree, live)).toEqual([
    { id: 'A', name: 'A', kind: 'subBoard', depth: 0, powerKw: 0, limitKw: 100 },
    { id: 'A1', name: 'A1', kind: 'subBoard', depth: 1, powerKw: 12, limitKw: 69 },
    { id: 'B', name: 'B', kind: 'subBoard', depth: 0, powerKw: 0, limitKw: 50 },
  ]);
});
