import {
  conditionPathText,
  factsOf,
  foldConditions,
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

describe('walks keep their own stack', () => {
  test('a tree 5,000 levels deep is walked and folded without overflowing', () => {
    let tree: NestedCondition = { fact: 'deep', operator: 'equal', value: 1 };
    for (let i = 0; i < 5_000; i++) tree = i % 2 ? { not: tree } : { all: [tree, leaf('x')] };
    expect(factsOf(tree)).toEqual(['deep', 'x', 'x-other']);
    const depth = foldConditions<number>(tree, {
      leaf: () => 0,
      all: (_, children) => 1 + Math.max(children[0] ?? 0, children[1] ?? 0),
      any: () => 0,
      not: (_, inner) => inner + 1,
      reference: () => 0,
    });
    expect(depth).toBe(5_000);
  });

  test('a reference past 64 levels, or past the conditions a tree may stand for, is not followed', () => {
    const chain = new Map<string, NestedCondition>();
    for (let i = 0; i < 200; i++)
      chain.set(`c${i}`, i < 199 ? { not: { condition: `c${i + 1}` } } : leaf('end'));
    const problems: string[] = [];
    walkConditions(
      { condition: 'c0' },
      { reference: (c, _p, problem) => problem && problems.push(`${c.condition} ${problem}`) },
      chain,
    );
    expect(problems).toEqual(['c32 too-deep']);
    const doubling = new Map<string, NestedCondition>();
    for (let i = 0; i < 30; i++)
      doubling.set(
        `d${i}`,
        i < 29 ? { any: [{ condition: `d${i + 1}` }, { condition: `d${i + 1}` }] } : leaf('end'),
      );
    let refused = 0;
    walkConditions(
      { condition: 'd0' },
      {
        reference: (_c, _p, problem) => {
          if (problem === 'too-many') refused++;
        },
      },
      doubling,
    );
    expect(refused).toBeGreaterThan(0);
    expect(factsOf({ condition: 'd0' }, doubling)).toEqual(['end', 'end-other']);
  });
});
