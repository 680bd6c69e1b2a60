/** The departments' pages: every department ranked, one department's findings by district. */
import { expect, test } from 'vitest';
import { departmentsView, departmentView } from '../../src/lib/views/departments';
import { district, finding, results, rule } from './fixture';

const rules = [rule('r', 'major', 'department')];
const d1 = district('D1', {
  rules,
  findings: [finding('r', 'P1', 'fail'), finding('r', 'G1', 'fail')],
});
const d2 = district('D2', { rules, findings: [finding('r', 'P1', 'missing')] });
const r = results([d1, d2], rules);

test('departmentsView ranks every department with its head', () => {
  expect(departmentsView(r).map((d) => `${d.rank}${d.id}:${d.lead?.en}`)).toEqual([
    '1education:Ms Lead',
    '2health:Dr Lead',
  ]);
});

test('departmentView: its places’ findings across districts, and its districts ranked', () => {
  const view = departmentView(r, 'health');
  expect(view.name?.en).toBe('Health');
  expect(view.failures[0]?.findings.map((f) => `${f.district.code}/${f.subject.code}`)).toEqual([
    'D1/P1',
  ]);
  expect(view.missing[0]?.findings.map((f) => f.district.code)).toEqual(['D2']);
  expect(view.districts.map((x) => `${x.rank}${x.district.code}`)).toEqual(['1D1', '1D2']);
  expect(view.failures[0]?.findings[0]?.parties.find((p) => p.primary)).toMatchObject({
    role: 'department',
    id: 'health',
  });
});

test('an unknown department is an error that names it', () => {
  expect(() => departmentView(r, 'nope')).toThrow('no department nope');
});
