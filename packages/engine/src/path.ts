import { PLAIN_PATH } from '@shoutu/core';

const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

/**
 * Resolves a plain path (`$.company`, `$.items[0].price`) in an object fact, in place of
 * json-rules-engine's default, which hands any JSONPath expression to jsonpath-plus. Only own
 * properties are read; anything else is refused, so no path from a rule file can run code.
 */
export function resolvePlainPath(value: unknown, path: string): unknown {
  if (!PLAIN_PATH.test(path))
    throw new Error(`the path "${path}" is not a plain path such as "$.company"`);
  let current: unknown = value;
  for (const [, key, index] of path.matchAll(/\.([A-Za-z_$][\w$-]*)|\[(\d+)\]/g)) {
    if (current === null || typeof current !== 'object') return undefined;
    const k = key ?? Number(index);
    if (typeof k === 'string' && FORBIDDEN.has(k))
      throw new Error(`the path "${path}" reads "${k}", which is not allowed`);
    if (!Object.hasOwn(current, k)) return undefined;
    current = (current as Record<string | number, unknown>)[k];
  }
  return current;
}
