import { treeOrder, type LoadGroup } from './loadGroups';

const group = (id: string, name: string, parentId: string | null): LoadGroup =>
  ({ id, name, parentId, siteId: 's', kind: 'feeder', limit: { unit: 'kW', value: 100 }, version: 1 });

describe('treeOrder', () => {
  it('lists parents before children, siblings by name, with their depth', () => {
    const ordered = treeOrder([
      group('f2', 'Feeder B', 'main'), group('main', 'Main board', null), group('f1', 'Feeder A', 'main'),
      group('bay', 'Bays 1-4', 'f1'), group('aux', 'Aux board', null),
    ]);
    expect(ordered.map(({ group: g, depth }) => `${depth}:${g.name}`)).toEqual([
      '0:Aux board', '0:Main board', '1:Feeder A', '2:Bays 1-4', '1:Feeder B',
    ]);
  });

  it('keeps a group whose parent is missing, at the top', () => {
    expect(treeOrder([group('x', 'Orphan', 'gone')]).map((o) => o.depth)).toEqual([0]);
  });
});
