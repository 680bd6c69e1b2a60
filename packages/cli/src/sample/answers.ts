import type { Random } from './random.js';

export interface Respondent {
  code: string;
  households?: number | undefined;
  placeType?: string | undefined;
}

type Values = Record<string, string>;
type Answerer = {
  good: (s: Respondent, rnd: Random) => Values;
  faults: ((v: Values, s: Respondent, rnd: Random) => void)[];
};

const n = (x: number) => String(x);
const bool = (b: boolean) => (b ? 'true' : 'false');

/**
 * How units answer each sample form: a compliant answer, and the ways one goes wrong. A unit
 * that does not comply that day commits one of its form's faults, chosen at random.
 */
const ANSWERS: Record<string, Answerer> = {
  'grid-daily': {
    good: (s, rnd) => {
      const households = s.households ?? 300;
      const fever = rnd.chance(0.03) ? rnd.int(1, 2) : 0;
      const contacts = rnd.chance(0.05) ? rnd.int(1, 4) : 0;
      const returnees = rnd.int(0, 25);
      return {
        households_visited: n(households),
        residents_screened: n(Math.round(households * (2.4 + rnd.float() * 0.5))),
        fever_cases: n(fever),
        fever_cases_referred: n(fever),
        close_contacts: n(contacts),
        close_contacts_observed: n(contacts),
        returnees_registered: n(returnees),
        returnees_observed: n(returnees),
        reporter_phone: rnd.chance(0.8)
          ? `1${rnd.pick(['38', '39', '52', '86'])}${n(rnd.int(10_000_000, 99_999_999))}`
          : '',
      };
    },
    faults: [
      (v, s, rnd) => {
        v.households_visited = n(Math.floor((s.households ?? 300) * (0.4 + rnd.float() * 0.55)));
      },
      (v, _s, rnd) => {
        v.fever_cases = n(rnd.int(1, 3));
        v.fever_cases_referred = '0';
      },
      (v, _s, rnd) => {
        v.close_contacts = n(rnd.int(2, 5));
        v.close_contacts_observed = '1';
      },
      (v, _s, rnd) => {
        v.returnees_registered = n(rnd.int(5, 25));
        v.returnees_observed = '2';
      },
    ],
  },
  'place-hygiene': {
    good: (_s, rnd) => ({
      disinfection_rounds: n(rnd.int(2, 4)),
      ventilation_rounds: n(rnd.int(3, 5)),
      entry_temperature_checks: 'true',
    }),
    faults: [
      (v, _s, rnd) => {
        v.disinfection_rounds = n(rnd.int(0, 1));
      },
      (v, _s, rnd) => {
        v.ventilation_rounds = n(rnd.int(0, 2));
      },
      (v) => {
        v.entry_temperature_checks = 'false';
      },
    ],
  },
  'canteen-daily': {
    good: () => ({ staggered_meals: 'true', face_to_face_seating: 'false' }),
    faults: [
      (v) => {
        v.staggered_meals = 'false';
      },
      (v) => {
        v.face_to_face_seating = 'true';
      },
    ],
  },
  'school-daily': {
    good: (_s, rnd) => ({ students_present: n(rnd.int(200, 1500)), returnees_unobserved: '0' }),
    faults: [
      (v, _s, rnd) => {
        v.returnees_unobserved = n(rnd.int(1, 6));
      },
    ],
  },
  'transport-daily': {
    good: (_s, rnd) => {
      const runs = rnd.int(20, 80);
      return {
        runs: n(runs),
        runs_disinfected: n(runs),
        chlorine_mg_l: n(rnd.pick([250, 300, 400, 500])),
        longest_drive_hours: (rnd.int(20, 40) / 10).toFixed(1),
      };
    },
    faults: [
      (v, _s, rnd) => {
        v.runs_disinfected = n(Math.floor(Number(v.runs) * (0.5 + rnd.float() * 0.4)));
      },
      (v, _s, rnd) => {
        v.chlorine_mg_l = n(rnd.pick([100, 150, 800]));
      },
      (v, _s, rnd) => {
        v.longest_drive_hours = (rnd.int(43, 60) / 10).toFixed(1);
      },
    ],
  },
  'hospital-daily': {
    good: () => ({ fever_clinic_open: 'true', patients_unclassified: '0' }),
    faults: [
      (v) => {
        v.fever_clinic_open = 'false';
      },
      (v, _s, rnd) => {
        v.patients_unclassified = n(rnd.int(1, 5));
      },
    ],
  },
  'enterprise-daily': {
    good: (s, rnd) => ({
      prevention_plan_filed: 'true',
      staff_temperature_twice: 'true',
      dorm_max_per_room: n(rnd.int(2, 6)),
      general_hazards_open: '0',
      major_hazards_without_plan: '0',
      rescue_team_ready: 'true',
      duty_24h: bool(rnd.chance(s.placeType === 'hazchem-enterprise' ? 0.97 : 0.9)),
      days_since_drill: n(rnd.int(10, 170)),
    }),
    faults: [
      (v) => {
        v.prevention_plan_filed = 'false';
      },
      (v) => {
        v.staff_temperature_twice = 'false';
      },
      (v, _s, rnd) => {
        v.dorm_max_per_room = n(rnd.int(7, 12));
      },
      (v, _s, rnd) => {
        v.general_hazards_open = n(rnd.int(1, 4));
      },
      (v) => {
        v.major_hazards_without_plan = '1';
      },
      (v) => {
        v.rescue_team_ready = 'false';
      },
      (v) => {
        v.duty_24h = 'false';
      },
      (v, _s, rnd) => {
        v.days_since_drill = n(rnd.int(190, 400));
      },
    ],
  },
  'market-price': {
    good: (s, rnd) => ({
      vegetable_price_change_pct: (rnd.int(-30, 80) / 10).toFixed(1),
      grain_oil_price_change_pct: (rnd.int(-20, 40) / 10).toFixed(1),
      panic_buying: 'false',
      prevention_supplies_in_stock: bool(s.placeType !== 'supermarket' || rnd.chance(0.97)),
      gouging_cases_open: '0',
    }),
    faults: [
      (v, _s, rnd) => {
        v.vegetable_price_change_pct = (rnd.int(105, 300) / 10).toFixed(1);
      },
      (v, _s, rnd) => {
        v.grain_oil_price_change_pct = (rnd.int(55, 120) / 10).toFixed(1);
      },
      (v) => {
        v.panic_buying = 'true';
      },
      (v) => {
        v.prevention_supplies_in_stock = 'false';
      },
      (v, _s, rnd) => {
        v.gouging_cases_open = n(rnd.int(1, 3));
      },
    ],
  },
  'street-duty': {
    good: () => ({
      leading_cadre_on_shift: 'true',
      duty_hours: '24',
      zero_report: 'true',
      incidents_reported_late: '0',
    }),
    faults: [
      (v) => {
        v.leading_cadre_on_shift = 'false';
      },
      (v, _s, rnd) => {
        v.duty_hours = n(rnd.pick([8, 12, 16]));
      },
      (v) => {
        v.zero_report = 'false';
      },
      (v, _s, rnd) => {
        v.incidents_reported_late = n(rnd.int(1, 2));
      },
    ],
  },
  'street-security': {
    good: () => ({ disorder_cases_open: '0', checkpoints_staffed: 'true' }),
    faults: [
      (v, _s, rnd) => {
        v.disorder_cases_open = n(rnd.int(1, 3));
      },
      (v) => {
        v.checkpoints_staffed = 'false';
      },
    ],
  },
  'district-daily': {
    good: (_s, rnd) => ({
      vegetable_reserve_days: (rnd.int(50, 90) / 10).toFixed(1),
      vegetable_varieties: n(rnd.int(5, 12)),
      emergency_materials_ok: 'true',
    }),
    faults: [
      (v, _s, rnd) => {
        v.vegetable_reserve_days = (rnd.int(20, 45) / 10).toFixed(1);
      },
      (v, _s, rnd) => {
        v.vegetable_varieties = n(rnd.int(2, 4));
      },
      (v) => {
        v.emergency_materials_ok = 'false';
      },
    ],
  },
};

/** One row's values for a form, by field id, compliant or with one fault. */
export function answer(formId: string, s: Respondent, comply: boolean, rnd: Random): Values {
  const a = ANSWERS[formId];
  if (!a) throw new Error(`the sample has no answers for the form "${formId}"`);
  const values = a.good(s, rnd);
  if (!comply) rnd.pick(a.faults)(values, s, rnd);
  return values;
}
