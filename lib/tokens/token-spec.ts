import { z } from 'zod';
import { parseSelector } from '../labels/parse-selector';
import { SelectorError } from '../labels/selector-error';
import { ipRangeProblem } from '../http/ip-syntax';

// OVHcloud's API names for the two roles are accepted too.
const ROLE_ALIASES = {
  read: 'read',
  operator: 'operator',
  ai_training_read: 'read',
  ai_training_operator: 'operator',
} as const;

export const labelSelectorSchema = z
  .string()
  .max(2048, 'Label selector must be 2048 characters or less')
  .superRefine((value, ctx) => {
    try {
      parseSelector(value);
    } catch (error) {
      if (!(error instanceof SelectorError)) throw error;
      ctx.addIssue({ code: 'custom', message: error.message, params: { position: error.position } });
    }
  });

/** A token as submitted; shared by the New Token form and POST /v1/token. */
export function tokenSpecSchema(regions: readonly string[]) {
  return z.object({
    name: z.string().trim().min(1, 'Name is required').max(64, 'Name must be 64 characters or less'),
    labelSelector: labelSelectorSchema.default(''),
    role: z.enum(Object.keys(ROLE_ALIASES) as [keyof typeof ROLE_ALIASES], {
      error: 'Role must be "read" or "operator"',
    }).transform((role) => ROLE_ALIASES[role]),
    region: z
      .string()
      .trim()
      .toUpperCase()
      .refine((r) => regions.includes(r), `Region must be one of ${regions.join(', ')}`),
    expiresAt: z.iso
      .datetime({ offset: true, error: 'expiresAt must be an ISO 8601 date-time' })
      .transform((s) => new Date(s))
      .refine((d) => d.getTime() > Date.now(), 'expiresAt must be in the future')
      .nullish(),
    description: z.string().trim().max(280, 'Description must be 280 characters or less').default(''),
    allowedIps: allowedIpsSchema.default([]),
  });
}

/** IPs and CIDR ranges, v4 and v6, the token may be used from; empty: anywhere. */
export const allowedIpsSchema = z
  .array(z.string().trim(), { error: 'allowedIps must be a list of IPs and CIDR ranges' })
  .max(100, 'allowedIps may hold at most 100 entries')
  .superRefine((entries, ctx) => {
    const problem = ipRangeProblem(entries);
    if (problem) ctx.addIssue({ code: 'custom', path: [problem.index], message: problem.message });
  });

/** POST /v1/token/{id}/renew: how long the old secret keeps working (0: it stops at once). */
export const renewSchema = z.object({
  gracePeriodSeconds: z.coerce
    .number({ error: 'gracePeriodSeconds must be a number' })
    .int('gracePeriodSeconds must be a whole number')
    .min(0, 'gracePeriodSeconds must be between 0 and 604800 (7 days)')
    .max(604_800, 'gracePeriodSeconds must be between 0 and 604800 (7 days)')
    .default(0),
});

export type TokenSpec = z.output<ReturnType<typeof tokenSpecSchema>>;
