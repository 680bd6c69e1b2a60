import { cmp, type Finding, inForceOn, type LoadedWaiver } from '@shoutu/core';
import { streakKey } from './trend.js';

/**
 * Applies the waivers in force on the day: a failure or missing report they cover becomes
 * "waived" (shown, not scored) and keeps what it would have been as `outcome`. Passes, errors and
 * checks that did not apply are left as they are. Returns the waivers in force, in a stable order.
 */
export function applyWaivers(
  findings: readonly Finding[],
  waivers: readonly LoadedWaiver[],
  day: string,
): { findings: Finding[]; inForce: LoadedWaiver[] } {
  const inForce = waivers
    .filter((w) => inForceOn(w, day))
    .sort(
      (a, b) =>
        cmp(a.subject, b.subject) ||
        cmp(a.rule, b.rule) ||
        cmp(a.start, b.start) ||
        cmp(a.source, b.source),
    );
  if (inForce.length === 0) return { findings: [...findings], inForce };
  const covered = new Set(inForce.map(streakKey));
  return {
    findings: findings.map((f) =>
      (f.status === 'fail' || f.status === 'missing') && covered.has(streakKey(f))
        ? { ...f, status: 'waived' as const, outcome: f.status }
        : f,
    ),
    inForce,
  };
}
