import { z } from 'zod';
import { labelsSchema } from '../labels/label-rules.ts';
import { parseImageReference } from './image-reference.ts';

// An app as submitted, in OVHcloud AI Deploy's field names. One schema for the
// New app form, POST /v1/app, the CLI's `app run` and the seed; PUT /v1/app/{id}
// takes the runtime part of it.

const port = (what: string) =>
  z.coerce
    .number({ error: `${what} must be a number` })
    .int(`${what} must be a whole number`)
    .min(1, `${what} must be between 1 and 65535`)
    .max(65535, `${what} must be between 1 and 65535`);

export const MAX_REPLICAS = 10;

// POSIX: what a shell accepts as a variable name.
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const envVarSchema = z.object({
  name: z.string().regex(ENV_NAME, 'Env var names start with a letter or "_" and hold letters, digits and "_"').max(256, 'Env var names must be 256 characters or less'),
  value: z.string().max(32_768, 'Env var values must be 32 KiB or less'),
  /** Secret values are never shown again after creation, and masked in the app's logs. */
  secret: z.boolean().default(false),
});

export type EnvVar = z.output<typeof envVarSchema>;

function uniqueNames<T extends { name: string }>(list: T[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  list.forEach((entry, index) => {
    if (seen.has(entry.name)) ctx.addIssue({ code: 'custom', path: [index, 'name'], message: `Env var ${entry.name} is set twice` });
    seen.add(entry.name);
  });
}

/** An image reference; when the runtime runs only some images, one of those. */
function imageSchema(images: readonly string[] | null | undefined) {
  return z
    .string({ error: 'Image is required' })
    .trim()
    .superRefine((image, ctx) => {
      const parsed = parseImageReference(image);
      if ('problem' in parsed) ctx.addIssue({ code: 'custom', message: parsed.problem });
      else if (images && !images.includes(image)) {
        ctx.addIssue({
          code: 'custom',
          message: `This Tollgate runs apps as local processes and knows only the built-in images (${images.join(', ')}); run it with RUNTIME=docker to deploy any image`,
        });
      }
    });
}

const commandSchema = z
  .array(z.string().max(4096, 'Each command argument must be 4096 characters or less'), { error: 'command must be a list of strings' })
  .min(1, 'command must hold at least the program to run; leave it out to use the image’s own')
  .max(64, 'command may hold at most 64 arguments')
  .nullish()
  .transform((command) => command ?? null);

const probeSchema = z.object({
  path: z.string().startsWith('/', 'The probe path must start with "/"').max(1024).default('/'),
  port: port('The probe port').optional(),
});

const resourcesSchema = z.object({
  cpu: z.coerce.number({ error: 'cpu must be a number' }).positive('cpu must be more than 0').max(64, 'cpu must be at most 64').optional(),
  memoryMiB: z.coerce
    .number({ error: 'memoryMiB must be a number' })
    .int('memoryMiB must be a whole number')
    .min(16, 'memoryMiB must be at least 16')
    .max(1_048_576, 'memoryMiB must be at most 1048576')
    .optional(),
});

export const scalingStrategySchema = z.object({
  fixed: z.object({
    replicas: z.coerce
      .number({ error: 'replicas must be a number' })
      .int('replicas must be a whole number')
      .min(1, `replicas must be between 1 and ${MAX_REPLICAS}`)
      .max(MAX_REPLICAS, `replicas must be between 1 and ${MAX_REPLICAS}`),
  }),
});

/** An app Tollgate only gates: where it already answers. */
const upstreamUrlSchema = z
  .string({ error: 'upstreamUrl must be a URL' })
  .trim()
  .max(2048, 'upstreamUrl must be 2048 characters or less')
  .superRefine((text, ctx) => {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'upstreamUrl must be a URL such as http://10.0.0.5:7860' });
      return;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') ctx.addIssue({ code: 'custom', message: 'upstreamUrl must start with http:// or https://' });
    // Credentials in the URL would be shown to everyone who can read the app.
    else if (url.username || url.password) ctx.addIssue({ code: 'custom', message: 'upstreamUrl must not hold a user name or password' });
    // Requests keep their own path: the gateway forwards /x to the upstream's /x.
    else if (url.pathname !== '/' || url.search || url.hash) ctx.addIssue({ code: 'custom', message: 'upstreamUrl must be an origin such as https://models.internal:8443, without a path, query or fragment' });
  });

/** The external-app fields, each with what PUT may leave out. */
const externalShape = {
  upstreamUrl: upstreamUrlSchema,
  preserveHost: z.boolean({ error: 'preserveHost must be true or false' }),
  tlsSkipVerify: z.boolean({ error: 'tlsSkipVerify must be true or false' }),
};

const envVarsSchema = z.array(envVarSchema).max(100, 'An app may have at most 100 env vars').superRefine(uniqueNames);

/** What runs: the fields a rolling update may change (no defaults: an update leaves out what it keeps). */
const runtimeShape = (images: readonly string[] | null | undefined) => ({
  image: imageSchema(images),
  command: commandSchema,
  envVars: envVarsSchema,
  defaultHttpPort: port('Port'),
  probe: probeSchema.optional(),
  resources: resourcesSchema.optional(),
});

export interface AppSpecOptions {
  regions: readonly string[];
  /** When the runtime can run only some images (the process runtime's built-ins). */
  images?: readonly string[] | null;
}

export function appSpecSchema({ regions, images }: AppSpecOptions) {
  const runtime = runtimeShape(images);
  return z
    .object({
      name: z
        .string({ error: 'Name is required' })
        .trim()
        .min(1, 'Name is required')
        .max(64, 'Name must be 64 characters or less')
        .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]*$/, 'Name may hold letters, digits, spaces, ".", "_" and "-"'),
      region: z
        .string({ error: 'Region is required' })
        .trim()
        .toUpperCase()
        .refine((r) => regions.includes(r), `Region must be one of ${regions.join(', ')}`),
      labels: labelsSchema.default({}),
      unsecureHttp: z.boolean().default(false),
      allowPanelUsers: z.boolean().default(true),
      scalingStrategy: scalingStrategySchema.default({ fixed: { replicas: 1 } }),
      ...runtime,
      envVars: envVarsSchema.default([]),
      defaultHttpPort: runtime.defaultHttpPort.default(8080),
      image: runtime.image.optional(),
      upstreamUrl: externalShape.upstreamUrl.optional(),
      preserveHost: externalShape.preserveHost.default(false),
      tlsSkipVerify: externalShape.tlsSkipVerify.default(false),
    })
    .superRefine(oneKindOfApp);
}

/**
 * An app is deployed from an image, or registered by the URL where it already
 * runs: exactly one. What runs it (command, env, limits, replicas) means
 * nothing for an app Tollgate does not run.
 */
function oneKindOfApp(
  spec: { image?: string; upstreamUrl?: string; command: string[] | null; envVars: unknown[]; resources?: unknown; scalingStrategy: { fixed: { replicas: number } } },
  ctx: z.RefinementCtx,
): void {
  if (spec.image === undefined && spec.upstreamUrl === undefined) {
    ctx.addIssue({ code: 'custom', path: ['image'], message: 'Give an image to deploy, or the upstreamUrl of an app that already runs' });
    return;
  }
  if (spec.image !== undefined && spec.upstreamUrl !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['upstreamUrl'], message: 'An app is deployed from an image or registered by upstreamUrl, not both' });
    return;
  }
  if (spec.upstreamUrl === undefined) return;
  const unused = 'does not apply to an app that runs elsewhere (upstreamUrl)';
  if (spec.command !== null) ctx.addIssue({ code: 'custom', path: ['command'], message: `command ${unused}` });
  if (spec.envVars.length > 0) ctx.addIssue({ code: 'custom', path: ['envVars'], message: `envVars ${unused}` });
  if (spec.resources !== undefined) ctx.addIssue({ code: 'custom', path: ['resources'], message: `resources ${unused}` });
  if (spec.scalingStrategy.fixed.replicas !== 1) ctx.addIssue({ code: 'custom', path: ['scalingStrategy', 'fixed', 'replicas'], message: `replicas ${unused}` });
}

export type AppSpecInput = z.input<ReturnType<typeof appSpecSchema>>;
export type AppSpec = z.output<ReturnType<typeof appSpecSchema>>;

/**
 * PUT /v1/app/{id}: any of the runtime fields (an image app), or of the
 * external ones (an app registered by upstreamUrl). A secret env var sent back
 * without its value (as GET shows it) keeps the value it has.
 */
export function appUpdateSchema({ images }: Pick<AppSpecOptions, 'images'>) {
  return z
    .object({
      ...runtimeShape(images),
      ...externalShape,
      /** An access setting, not what runs: changing it rolls nothing out. */
      allowPanelUsers: z.boolean({ error: 'allowPanelUsers must be true or false' }),
      envVars: z
        .array(envVarSchema.extend({ value: envVarSchema.shape.value.optional() }))
        .max(100, 'An app may have at most 100 env vars')
        .superRefine(uniqueNames),
    })
    .partial()
    .strict();
}

export type AppUpdate = z.output<ReturnType<typeof appUpdateSchema>>;
