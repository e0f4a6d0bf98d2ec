import { z } from 'zod';
import { LocalizedText } from './report-language.ts';

/** What a suggestion proposes (F2.1): a training, a mentor, or a goal for the next cycle. */
export const SuggestionKind = z.enum(['training', 'mentor', 'goal']);
export type SuggestionKind = z.infer<typeof SuggestionKind>;

/**
 * One entry of the catalogue that maps gaps to actions (F2.1). `indicatorKeys` lists the
 * indicators it answers; `["*"]` answers any gap that no specific entry answers. The text may use
 * `{label}`, `{average}` and `{unit}` of the gap.
 */
export const CatalogueEntry = z.object({
  id: z.string().min(1),
  kind: SuggestionKind,
  indicatorKeys: z.array(z.string().min(1)).min(1),
  text: LocalizedText,
});
export type CatalogueEntry = z.infer<typeof CatalogueEntry>;

/**
 * The built-in catalogue, written for the indicators the HR imports bring (absences, lateness,
 * special projects, engagement, satisfaction, training score, KPIs) plus generic fallbacks. An
 * organisation passes its own catalogue to replace it.
 */
export const DEFAULT_CATALOGUE: readonly CatalogueEntry[] = [
  {
    id: 'attendance-talk',
    kind: 'mentor',
    indicatorKeys: ['absences', 'days-late-last-30'],
    text: {
      en: 'Agree a monthly check-in on attendance with your manager to find what gets in the way',
      'zh-CN': '与经理约定每月一次出勤沟通，找出影响出勤的原因',
    },
  },
  {
    id: 'time-management',
    kind: 'training',
    indicatorKeys: ['days-late-last-30', 'absences'],
    text: {
      en: 'Take the time-management workshop',
      'zh-CN': '参加时间管理培训',
    },
  },
  {
    id: 'project-stretch',
    kind: 'mentor',
    indicatorKeys: ['special-projects'],
    text: {
      en: 'Pair with a colleague who leads special projects and join the next one',
      'zh-CN': '与负责专项项目的同事结对，并参与下一个专项项目',
    },
  },
  {
    id: 'engagement-talk',
    kind: 'mentor',
    indicatorKeys: ['engagement', 'satisfaction'],
    text: {
      en: 'Talk through what would make the work more engaging in your next one-on-one',
      'zh-CN': '在下次一对一面谈中讨论如何让工作更有投入感',
    },
  },
  {
    id: 'skills-course',
    kind: 'training',
    indicatorKeys: ['avg-training-score', 'kpis-met', 'trainings'],
    text: {
      en: 'Enrol in the role-specific skills course this quarter',
      'zh-CN': '本季度报名参加岗位技能课程',
    },
  },
  {
    id: 'next-cycle-goal',
    kind: 'goal',
    indicatorKeys: ['*'],
    text: {
      en: 'Set a goal for next cycle: bring {label} in line with the unit average ({average}{unit})',
      'zh-CN': '为下一周期设定目标：将{label}改善到单位平均水平（{average}{unit}）',
    },
  },
  {
    id: 'generic-mentor',
    kind: 'mentor',
    indicatorKeys: ['*'],
    text: {
      en: 'Ask a colleague who does well on {label} to mentor you for a month',
      'zh-CN': '请一位在{label}方面表现出色的同事指导你一个月',
    },
  },
];
