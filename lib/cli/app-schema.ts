// The app object as the /v1 API returns it, checked loosely: the CLI needs a few fields to
// draw tables, and passes everything else through untouched for json/yaml output.

import { z } from 'zod';

const historyEntrySchema = z.looseObject({
  state: z.string(),
  date: z.string(),
  reason: z.string().nullish(),
});

const appSchema = z.looseObject({
  id: z.string(),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
  spec: z.looseObject({
    name: z.string(),
    image: z.string(),
    region: z.string(),
    labels: z.record(z.string(), z.string()).optional(),
    defaultHttpPort: z.number().optional(),
    unsecureHttp: z.boolean().optional(),
  }),
  status: z.looseObject({
    state: z.string(),
    url: z.string().nullish(),
    history: z.array(historyEntrySchema).optional(),
    replacedLabels: z.array(z.string()).optional(),
  }),
});

export type App = z.infer<typeof appSchema>;
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

/** The value itself (same object, same key order) once it is known to look like an app. */
export function asApp(value: unknown): App | null {
  return appSchema.safeParse(value).success ? (value as App) : null;
}
