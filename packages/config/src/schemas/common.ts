import { z } from 'zod';

/** A 12-digit AWS account ID, kept as a string so leading zeros survive. */
export const accountId = z.string().regex(/^\d{12}$/, {
  error: 'expected a 12-digit AWS account ID in quotes, such as "111111111111"',
});

export const region = z.string().regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/, {
  error: 'expected an AWS region code such as "eu-west-1"',
});

/** Environment names appear in every physical name, so they are short and lower-case. */
export const environmentName = z.string().regex(/^[a-z][a-z0-9]{1,9}$/, {
  error: 'expected 2-10 lower-case letters or digits starting with a letter, such as "dev"',
});

export const projectName = z.string().regex(/^[a-z][a-z0-9-]{0,18}[a-z0-9]$/, {
  error:
    'expected 2-20 lower-case letters, digits or hyphens, starting with a letter and not ending with a hyphen, such as "fraud-detection"',
});

/** SageMaker model package group names: 1-63 alphanumerics with single or repeated hyphens inside. */
export const modelPackageGroupName = z.string().regex(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/, {
  error: 'expected 1-63 letters, digits or hyphens, not starting or ending with a hyphen',
});

/** The values CloudWatch Logs accepts for a log group's retention. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288,
  3653,
] as const;

export const logRetentionDays = z
  .number()
  .refine((days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days), {
    error: `expected one of the CloudWatch Logs retention values: ${LOG_RETENTION_DAYS.join(', ')}`,
  });

/** Every file may name its JSON Schema so that editors validate it. */
export const schemaReference = z.string().optional();

/** Adds an issue for every repeated key of a list, pointing at the repeat. */
export function reportDuplicates<T>(
  ctx: z.RefinementCtx,
  items: readonly T[],
  keyOf: (item: T) => string,
  path: (string | number)[],
  field: (string | number)[] = [],
): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const key = keyOf(item);
    if (seen.has(key)) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, index, ...field],
        input: key,
        message: `"${key}" is listed twice; remove the repeat`,
      });
    }
    seen.add(key);
  });
}
