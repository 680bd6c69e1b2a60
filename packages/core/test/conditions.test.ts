import {
  conditionPathText,
  factsOf,
  inForceBetween,
  type NestedCondition,
  walkConditions,
} from '@shoutu/core';
import { describe, expect, test } from 'vitest';

const leaf = (fact: string) => ({ fact, operator: 'equal', value: { fact: `${fact}-other` } });

describe('walkConditions', () => {
  const shared = new Map<string, NestedCondition>([
    ['inner', { any: [leaf('s.x'), { condition: 'outer' }] }],
    ['outer', { all: [{ condition: 'inner' }, leaf('s.y')] }],
  ]);
  const tree: NestedCondition = {
    all: [leaf('a'), { not: { condition: 'outer' } }, { condition: 'nowhere' }],
  };

  test('visits leaves in order, following shared conditions in place, never into a cycle', () => {
    const seen: string[] = [];
    const refs: string[] = [];
    walkConditions(
      tree,
      {
        leaf: (c, path, chain) =>
          seen.push(`${conditionPathText(path)} ${c.fact} ${chain.join('>')}`),
        reference: (c, path, problem) =>
          refs.push(`${conditionPathText(path)} ${c.condition} ${problem ?? 'followed'}`),
      },
      shared,
    );
    expect(seen).toEqual([
      'all[0] a ',
      'all[1].not.all[0].any[0] s.x outer>inner',
      'all[1].not.all[1] s.y outer',
    ]);
    expect(refs).toEqual([
      'all[1].not outer followed',
      'all[1].not.all[0] inner followed',
      'all[1].not.all[0].any[1] outer cycle',
      'all[2] nowhere unknown',
    ]);
  });

  test('restarts paths in a shared file when asked, and reports entering and leaving it', () => {
    const events: string[] = [];
    walkConditions(
      { all: [{ condition: 'inner' }] },
      {
        leaf: (c, path) => events.push(`${path.join('/')} ${c.fact}`),
        enterShared: (name) => events.push(`enter ${name}`),
        leaveShared: (name) => events.push(`leave ${name}`),
      },
      (name) => shared.get(name),
      { path: ['conditions'], sharedPaths: 'restart' },
    );
    expect(events).toEqual([
      'enter inner',
      'conditions/any/0 s.x',
      'enter outer',
      'conditions/all/1 s.y',
      'leave outer',
      'leave inner',
    ]);
  });

  test('factsOf reads facts compared against and facts of shared conditions', () => {
    expect(factsOf(tree, shared)).toEqual(['a', 'a-other', 's.x', 's.x-other', 's.y', 's.y-other']);
  });
});

test('one in-force predicate: both ends included, no end is forever', () => {
  expect(inForceBetween('2020-02-01', '2020-02-03', '2020-02-01')).toBe(true);
  expect(inForceBetween('2020-02-01', '2020-02-03', '2020-02-03')).toBe(true);
  expect(inForceBetween('2020-02-01', '2020-02-03', '2020-02-04')).toBe(false);
  expect(inForceBetween('2020-02-01', undefined, '2020-01-31')).toBe(false);
  expect(inForceBetween('2020-02-01', undefined, '2030-01-01')).toBe(true);
});
