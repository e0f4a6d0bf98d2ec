import { z } from 'zod';
import { Id, IsoDate } from './ids.ts';

/** The three global roles a token carries. Finer rights (chain, unit membership) come from the directory. */
export const Role = z.enum(['member', 'hr', 'admin']);
export type Role = z.infer<typeof Role>;

export const Organisation = z.object({
  id: Id,
  name: z.string().min(1),
  /** IANA time zone used when a rule needs "today" for the whole organisation. */
  timeZone: z.string().default('UTC'),
  locale: z.enum(['en', 'zh-CN']).default('en'),
});
export type Organisation = z.infer<typeof Organisation>;

/** Units form one tree per organisation: a company at the root, departments, then teams. */
export const UnitKind = z.enum(['company', 'department', 'team']);
export type UnitKind = z.infer<typeof UnitKind>;

export const Unit = z.object({
  id: Id,
  name: z.string().min(1),
  kind: UnitKind,
  parentId: Id.nullable(),
  /** The person who heads the unit, when known (a team's manager, a department's head). */
  headId: Id.nullable().default(null),
});
export type Unit = z.infer<typeof Unit>;

export const Region = z.object({ id: Id, name: z.string().min(1) });
export type Region = z.infer<typeof Region>;

export const EmploymentStatus = z.enum(['active', 'terminated', 'leave']);
export type EmploymentStatus = z.infer<typeof EmploymentStatus>;

/**
 * A person in the directory. Everything here is visible to every member of the organisation, so it
 * holds only what an org chart shows; ratings and indicator figures live in the person's record
 * document (see `docs/names.ts`).
 */
export const Person = z.object({
  id: Id,
  /** The key in the system the person was imported from (EmpID, employee_id), kept for re-imports. */
  externalId: z.string().nullable().default(null),
  name: z.string().min(1),
  email: z.string().nullable().default(null),
  title: z.string().default(''),
  jobFamily: z.string().default(''),
  unitId: Id.nullable(),
  regionId: Id.nullable().default(null),
  managerId: Id.nullable(),
  status: EmploymentStatus.default('active'),
  hiredOn: IsoDate.nullable().default(null),
  leftOn: IsoDate.nullable().default(null),
});
export type Person = z.infer<typeof Person>;

export const CyclePhase = z.enum([
  'goal-setting',
  'mid-year',
  'self-review',
  'peer-manager-review',
  'calibration',
  'feedback',
  'closed',
]);
export type CyclePhase = z.infer<typeof CyclePhase>;

export const ReviewCycle = z
  .object({
    id: Id,
    name: z.string().min(1),
    start: IsoDate,
    end: IsoDate,
    phase: CyclePhase.default('goal-setting'),
  })
  .refine((c) => c.start <= c.end, {
    message: 'a cycle cannot end before it starts',
    path: ['end'],
  });
export type ReviewCycle = z.infer<typeof ReviewCycle>;
