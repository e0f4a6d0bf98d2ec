import type { Direction, Goal } from '../model/performance.ts';

/**
 * Starting points for goals that pass the SMART check by construction. Kept as data so the side
 * panel can list them, an organisation can add its own, and the wording is translated in one place.
 */

/** The languages goal texts are written in (matches `Organisation.locale`). */
export type GoalLocale = 'en' | 'zh-CN';

/** The words of a template in one language; `{name}` marks a blank to fill. */
export interface TemplateText {
  name: string;
  /** The goal title pattern, e.g. "Raise {metric} from {start}{unit} to {target}{unit} by {date}". */
  title: string;
  /** A filled-in example a manager can recognise. */
  example: string;
  /** One line of advice shown under the form. */
  hint: string;
}

/** A goal template: the goal shape it produces and its words in each language. */
export interface SmartTemplate {
  id: 'increase-rate' | 'reduce-count' | 'deliver-milestone' | 'keep-above-threshold';
  kind: Goal['kind'];
  /** Direction of the metric, or null for goals without one. */
  direction: Direction | null;
  /** True when the target equals the start by design (a level to hold, not a change to make). */
  holdsLevel: boolean;
  text: Record<GoalLocale, TemplateText>;
}

/** The built-in templates. */
export const SMART_TEMPLATES: readonly SmartTemplate[] = [
  {
    id: 'increase-rate',
    kind: 'metric',
    direction: 'increase',
    holdsLevel: false,
    text: {
      en: {
        name: 'Increase a rate',
        title: 'Raise {metric} from {start}{unit} to {target}{unit} by {date}',
        example: 'Raise first-pass yield from 92% to 96% by 2026-06-30',
        hint: 'Say where the rate stands today, so progress can be measured from it.',
      },
      'zh-CN': {
        name: '提高比率',
        title: '在{date}前将{metric}从{start}{unit}提高到{target}{unit}',
        example: '在2026-06-30前将一次合格率从92%提高到96%',
        hint: '写明目前的数值，才能从起点衡量进度。',
      },
    },
  },
  {
    id: 'reduce-count',
    kind: 'metric',
    direction: 'decrease',
    holdsLevel: false,
    text: {
      en: {
        name: 'Reduce a count',
        title: 'Cut {metric} from {start} to {target} {unit} by {date}',
        example: 'Cut customer complaints from 40 to 15 a month by 2026-09-30',
        hint: 'Counts should fall: progress is measured from the start down to the target.',
      },
      'zh-CN': {
        name: '减少数量',
        title: '在{date}前将{metric}从{start}{unit}减少到{target}{unit}',
        example: '在2026-09-30前将每月客户投诉从40件减少到15件',
        hint: '数量应当下降：进度按从起点降到目标来计算。',
      },
    },
  },
  {
    id: 'deliver-milestone',
    kind: 'milestone',
    direction: null,
    holdsLevel: false,
    text: {
      en: {
        name: 'Deliver a milestone',
        title: 'Deliver {deliverable} by {date}',
        example: 'Deliver the new line layout, signed off by safety, by 2026-05-15',
        hint: 'List the milestones and what "done" means for each; weight the big ones more.',
      },
      'zh-CN': {
        name: '完成里程碑',
        title: '在{date}前完成{deliverable}',
        example: '在2026-05-15前完成新产线布局并通过安全验收',
        hint: '列出各个里程碑及其完成标准；重要的里程碑给更高权重。',
      },
    },
  },
  {
    id: 'keep-above-threshold',
    kind: 'metric',
    direction: 'increase',
    holdsLevel: true,
    text: {
      en: {
        name: 'Keep above a threshold',
        title: 'Keep {metric} at or above {target}{unit} every month until {date}',
        example: 'Keep on-time delivery at or above 95% every month until 2026-12-31',
        hint: 'Start and target are the same level: the goal is met while the value stays there.',
      },
      'zh-CN': {
        name: '保持在阈值以上',
        title: '在{date}前每月保持{metric}不低于{target}{unit}',
        example: '在2026-12-31前每月保持准时交付率不低于95%',
        hint: '起点与目标相同：数值保持在该水平即视为达成。',
      },
    },
  },
];

/**
 * Fills a template title with values ({metric}, {start}, {target}, {unit}, {date},
 * {deliverable}); blanks without a value are left visible so the form can show what is missing.
 */
export function fillTemplate(
  template: SmartTemplate,
  locale: GoalLocale,
  values: Partial<
    Record<'metric' | 'start' | 'target' | 'unit' | 'date' | 'deliverable', string | number>
  >,
): string {
  return template.text[locale].title.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = (values as Record<string, string | number | undefined>)[key];
    return value === undefined ? whole : String(value);
  });
}
