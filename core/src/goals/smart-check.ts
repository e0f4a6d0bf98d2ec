import type { Goal } from '../model/performance.ts';
import { dayNumber } from './working-calendar.ts';
import type { GoalLocale } from './templates.ts';

/**
 * Advice on whether a goal is SMART (specific, measurable, achievable, relevant, time-bound).
 * It never blocks saving: a manager may keep a vague goal on purpose, but should see why it will be
 * hard to judge at review time.
 */

/** What a finding is about. */
export type SmartCode =
  | 'no-metric'
  | 'no-milestones'
  | 'no-deadline'
  | 'no-owner'
  | 'target-equals-start'
  | 'direction-conflict'
  | 'vague-verb'
  | 'period-too-long'
  | 'period-too-short';

/** One piece of advice, in every goal language. */
export interface SmartFinding {
  code: SmartCode;
  criterion: 'specific' | 'measurable' | 'achievable' | 'time-bound';
  text: Record<GoalLocale, string>;
}

/** A goal as typed so far: any field may still be missing. */
export type SmartDraft = Partial<
  Pick<Goal, 'title' | 'periodStart' | 'periodEnd' | 'kind' | 'metric' | 'milestones'>
> & { owner?: Goal['owner'] | null };

/** Limits for the period check; a review cycle is usually a year and a goal at least two weeks. */
export interface SmartContext {
  minDays?: number;
  maxDays?: number;
}

const VAGUE_EN =
  /\b(improve|increase|enhance|boost|optimi[sz]e|strengthen|better|grow|reduce|raise|maximi[sz]e|minimi[sz]e|support|work on|focus on|drive|promote)\b/i;
const VAGUE_ZH = /(提高|提升|改善|改进|加强|优化|增强|降低|减少|推进|促进|做好|加快)/;
/** A number in the title makes a vague verb concrete ("improve yield to 96%"). */
const HAS_NUMBER = /[0-9０-９%％]/;

/**
 * Checks a goal (or a draft) against SMART and returns advice, empty when nothing is worth saying.
 * Codes are stable for the UI; texts are plain English and zh-CN.
 */
export function checkSmart(goal: SmartDraft, context: SmartContext = {}): SmartFinding[] {
  const minDays = context.minDays ?? 14;
  const maxDays = context.maxDays ?? 366;
  const findings: SmartFinding[] = [];
  const add = (code: SmartCode, criterion: SmartFinding['criterion'], en: string, zh: string) =>
    findings.push({ code, criterion, text: { en, 'zh-CN': zh } });
  const kind = goal.kind ?? 'metric';
  const metric = goal.metric ?? null;

  if (kind === 'metric' && metric === null) {
    add(
      'no-metric',
      'measurable',
      'There is no measure: add a start value, a target and how it is counted, so progress can be judged.',
      '没有衡量指标：请填写起点、目标值及计量方式，以便评估进度。',
    );
  }
  if (kind === 'milestone' && (goal.milestones ?? []).length === 0) {
    add(
      'no-milestones',
      'measurable',
      'A milestone goal needs its milestones listed, or its progress cannot be measured.',
      '里程碑目标需要列出各个里程碑，否则无法衡量进度。',
    );
  }
  if (!goal.periodEnd) {
    add(
      'no-deadline',
      'time-bound',
      'There is no end date: say by when it should be done.',
      '没有截止日期：请写明完成时间。',
    );
  }
  if (!goal.owner || !goal.owner.id) {
    add(
      'no-owner',
      'specific',
      'Nobody owns this goal: name the person or team accountable.',
      '此目标没有负责人：请指定负责的人或团队。',
    );
  }
  if (metric !== null && metric.target === metric.start) {
    add(
      'target-equals-start',
      'measurable',
      `Target and start are both ${metric.target}: that asks for no change. Fine for "keep at this level", otherwise set the target you aim for.`,
      `目标值与起点都是${metric.target}：这表示不需要任何变化。若是“保持该水平”则没有问题，否则请设定要达到的目标。`,
    );
  }
  if (metric !== null && metric.target !== metric.start) {
    const rising = metric.target > metric.start;
    if (rising !== (metric.direction === 'increase')) {
      add(
        'direction-conflict',
        'measurable',
        `The target moves ${rising ? 'up' : 'down'} from the start, but the measure says ${metric.direction === 'increase' ? 'higher' : 'lower'} is better. Check the direction or the numbers.`,
        `目标相对起点${rising ? '上升' : '下降'}，但指标设定为${metric.direction === 'increase' ? '越高越好' : '越低越好'}。请检查方向或数值。`,
      );
    }
  }
  const title = goal.title ?? '';
  const vague = VAGUE_EN.exec(title)?.[0] ?? VAGUE_ZH.exec(title)?.[0];
  if (vague !== undefined && !HAS_NUMBER.test(title) && metric === null) {
    add(
      'vague-verb',
      'specific',
      `"${vague}" without a number is hard to judge: by how much, from what, by when?`,
      `“${vague}”但没有数字，难以评估：提高多少、从多少开始、到何时？`,
    );
  }
  const from = goal.periodStart ? dayNumber(goal.periodStart) : null;
  const to = goal.periodEnd ? dayNumber(goal.periodEnd) : null;
  if (from !== null && to !== null && to >= from) {
    const days = to - from + 1;
    if (days > maxDays) {
      add(
        'period-too-long',
        'time-bound',
        `The period is ${days} days, longer than ${maxDays}: split it into goals that can be reviewed within a cycle.`,
        `周期为${days}天，超过${maxDays}天：建议拆分为可在一个考核周期内评估的目标。`,
      );
    } else if (days < minDays) {
      add(
        'period-too-short',
        'achievable',
        `The period is ${days} day(s), shorter than ${minDays}: that may be a task rather than a goal.`,
        `周期仅${days}天，少于${minDays}天：这可能更像一项任务而不是目标。`,
      );
    }
  }
  return findings;
}
