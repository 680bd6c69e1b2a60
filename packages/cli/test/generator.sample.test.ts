/**
 * SAMPLE TEST: checks the repository's committed sample (data/), not the code alone: that it is
 * exactly what `shoutu sample` writes. It fails when another project is put in data/; every other
 * test runs on fixtures.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_SAMPLE, generateSample, loadProject } from '@shoutu/cli';
import { describe, expect, test } from 'vitest';
import { project, REPO } from './helpers.js';

describe('the committed sample', () => {
  test('is exactly what the generator writes', async () => {
    const files = generateSample(DEFAULT_SAMPLE);
    for (const [rel, body] of files)
      expect(await readFile(path.join(REPO, 'data', rel), 'utf8'), rel).toBe(body);
  });
});

describe('the committed scoring method', () => {
  test('keeps the hash its published snapshots carry: areas count by id and weight only', async () => {
    const sample = (await loadProject(REPO)).project;
    const index = JSON.parse(
      await readFile(path.join(REPO, 'data/results/2020-03-24/index.json'), 'utf8'),
    ) as { scoringHash: string };
    expect(sample?.scoring.hash).toBe(index.scoringHash);
    // Renaming or reordering areas changes no score, so it changes no hash.
    const root = await project('mini');
    const file = path.join(root, 'rules/scoring.json');
    const before = (await loadProject(root)).project?.scoring.hash;
    const method = JSON.parse(await readFile(file, 'utf8'));
    method.areas = [...method.areas].reverse().map((a: { name: object }) => ({
      ...a,
      name: { zh: '改名', en: 'Renamed' },
    }));
    await writeFile(file, JSON.stringify(method));
    expect((await loadProject(root)).project?.scoring.hash).toBe(before);
    method.areas[0].weight = 7;
    await writeFile(file, JSON.stringify(method));
    expect((await loadProject(root)).project?.scoring.hash).not.toBe(before);
  });
});
