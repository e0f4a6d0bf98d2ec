import { z } from 'zod';

/**
 * Identifiers are short, URL-safe strings. They appear inside document names
 * (`org/{org}/person/{p}/record`), so a slash or a space in an id would break the naming scheme.
 */
export const Id = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'ids use letters, digits, ".", "_", ":" and "-" only');
export type Id = z.infer<typeof Id>;

/** A calendar date without a time zone, `YYYY-MM-DD`. Reviews and periods are day-granular. */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are written YYYY-MM-DD');
export type IsoDate = z.infer<typeof IsoDate>;

/** Lower-cases and squeezes a free-text name into an id fragment; the same input always gives the same id. */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9\u4e00-\u9fff]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.length > 0 ? slug.slice(0, 80) : 'x';
}
