import type { Directory } from '../docs/directory.ts';
import { latestRating, type PersonRecord } from '../docs/record.ts';
import type { PriorRating } from '../model/performance.ts';

/** How many people's latest prior rating carries one label (the old system's wording or value). */
export interface RatingBucket {
  label: string;
  /** The rating value behind the label, so buckets sort on the scale rather than alphabetically. */
  value: number;
  count: number;
}

/**
 * What HR's dashboard shows for one department without opening any person's documents: how many
 * active people work in its subtree and how their latest prior ratings are spread.
 */
export interface DepartmentAggregate {
  unitId: string;
  name: string;
  /** Active people in the department and every unit below it. */
  headcount: number;
  /** People counted in `headcount` who have at least one prior rating. */
  rated: number;
  ratings: RatingBucket[];
  /** Mean of the latest ratings on their own scale; null when nobody is rated. */
  average: number | null;
  /**
   * Mean of the latest ratings mapped onto 0..1 with each rating's own scale bounds, so a
   * department whose people came from a 1-4 system and one from a 1-5 system can be compared.
   */
  averageNormalized: number | null;
  /**
   * The scale every latest rating counted here is on (1-4 when the old system rated 1-4), so
   * `average` can be shown as "3.0 / 4"; null when nobody is rated or the scales differ (then
   * only `averageNormalized` compares).
   */
  scale: { min: number; max: number } | null;
}

function subtreeOf(directory: Directory, rootId: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const u of directory.units.values()) {
    if (u.parentId === null) continue;
    children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.id]);
  }
  const out = new Set<string>();
  const stack = [rootId];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}

function normalized(r: PriorRating): number | null {
  const span = r.scaleMax - r.scaleMin;
  return span > 0 ? (r.value - r.scaleMin) / span : null;
}

function mean(values: number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * Headcount and latest-rating distribution for every unit of kind `department`, sorted by name.
 * `records` maps person id to that person's record; people without one count as unrated. Pure:
 * the server and the CLI gather the documents and call this, so both report the same numbers.
 * `asOf` (YYYY-MM-DD, the caller's today) leaves out ratings dated after it.
 */
export function departmentAggregates(
  directory: Directory,
  records: ReadonlyMap<string, PersonRecord>,
  asOf?: string,
): DepartmentAggregate[] {
  const departments = [...directory.units.values()].filter((u) => u.kind === 'department');
  return departments
    .map((dept) => {
      const units = subtreeOf(directory, dept.id);
      const people = [...directory.people.values()].filter(
        (p) => p.status === 'active' && p.unitId !== null && units.has(p.unitId),
      );
      const buckets = new Map<string, RatingBucket>();
      const values: number[] = [];
      const norms: number[] = [];
      let scale: { min: number; max: number } | null = null;
      let mixed = false;
      for (const p of people) {
        const record = records.get(p.id);
        const latest = record === undefined ? null : latestRating(record, asOf);
        if (latest === null) continue;
        const label = latest.label.trim() === '' ? String(latest.value) : latest.label.trim();
        const bucket = buckets.get(label) ?? { label, value: latest.value, count: 0 };
        bucket.count += 1;
        buckets.set(label, bucket);
        values.push(latest.value);
        const n = normalized(latest);
        if (n !== null) norms.push(n);
        if (scale === null) scale = { min: latest.scaleMin, max: latest.scaleMax };
        else if (scale.min !== latest.scaleMin || scale.max !== latest.scaleMax) mixed = true;
      }
      return {
        unitId: dept.id,
        name: dept.name,
        headcount: people.length,
        rated: values.length,
        ratings: [...buckets.values()].sort(
          (a, b) => a.value - b.value || a.label.localeCompare(b.label),
        ),
        average: mean(values),
        averageNormalized: mean(norms),
        scale: mixed ? null : scale,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name) || a.unitId.localeCompare(b.unitId));
}
