import { z } from 'zod';
import { labelsSchema } from '../labels/label-rules.ts';
import { IMAGE_NAMES } from '../runtime/image-catalog.ts';

/** An app as submitted (OVHcloud AI Training API shape). Shared by the form, /v1 and the seed. */
export function appSpecSchema(regions: readonly string[]) {
  return z.object({
    name: z
      .string()
      .trim()
      .min(1, 'Name is required')
      .max(64, 'Name must be 64 characters or less')
      .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]*$/, 'Name may hold letters, digits, spaces, ".", "_" and "-"'),
    image: z.enum(IMAGE_NAMES, {
      error: `Unknown image. Available images: ${IMAGE_NAMES.join(', ')}`,
    }),
    region: z
      .string()
      .trim()
      .toUpperCase()
      .refine((r) => regions.includes(r), `Region must be one of ${regions.join(', ')}`),
    labels: labelsSchema.default({}),
    defaultHttpPort: z.coerce.number().int().min(1).max(65535).default(8080),
    unsecureHttp: z.boolean().default(false),
  });
}

export type AppSpecInput = z.input<ReturnType<typeof appSpecSchema>>;
export type AppSpec = z.output<ReturnType<typeof appSpecSchema>>;
