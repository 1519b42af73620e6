// The app object as the /v1 API returns it, checked loosely: the CLI needs a few fields to
// draw tables, and passes everything else through untouched for json/yaml output. Fields a
// newer server added are optional, so an older server's answers still pass.

import { z } from 'zod';

const historyEntrySchema = z.looseObject({
  state: z.string(),
  date: z.string(),
  reason: z.string().nullish(),
});

const envVarSchema = z.looseObject({
  name: z.string(),
  /** Absent for a secret: its value never leaves the server. */
  value: z.string().optional(),
  secret: z.boolean().optional(),
});

const appSchema = z.looseObject({
  id: z.string(),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
  spec: z.looseObject({
    name: z.string(),
    /** Null for an external app (upstreamUrl). */
    image: z.string().nullable(),
    upstreamUrl: z.string().nullish(),
    preserveHost: z.boolean().optional(),
    tlsSkipVerify: z.boolean().optional(),
    region: z.string(),
    labels: z.record(z.string(), z.string()).optional(),
    command: z.array(z.string()).nullish(),
    envVars: z.array(envVarSchema).optional(),
    defaultHttpPort: z.number().optional(),
    probe: z.looseObject({ path: z.string(), port: z.number() }).optional(),
    resources: z.looseObject({ cpu: z.number().nullable(), memoryMiB: z.number().nullable() }).optional(),
    scalingStrategy: z.looseObject({ fixed: z.looseObject({ replicas: z.number() }) }).optional(),
    unsecureHttp: z.boolean().optional(),
    allowPanelUsers: z.boolean().optional(),
  }),
  status: z.looseObject({
    state: z.string(),
    info: z.string().nullish(),
    url: z.string().nullish(),
    replicas: z.looseObject({ desired: z.number(), ready: z.number() }).optional(),
    generation: z.number().optional(),
    rollout: z.enum(['done', 'progressing', 'failed']).optional(),
    imageDigest: z.string().nullish(),
    lastOutput: z.array(z.string()).optional(),
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
