import { z } from 'zod';

/** Text shown to people, in both languages the site publishes. */
export const LocalizedText = z.strictObject({
  zh: z.string().trim().min(1, 'expected Chinese text (zh) that is not empty'),
  en: z.string().trim().min(1, 'expected English text (en) that is not empty'),
});
export type LocalizedText = z.infer<typeof LocalizedText>;

export type Lang = keyof LocalizedText;
