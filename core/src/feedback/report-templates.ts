import type { ReportLanguage } from './report-language.ts';

/** The sentences a report is built from (F5.1), one set per language. */
export interface ReportTemplates {
  title: string;
  greeting: string;
  score: string;
  scoreWithBand: string;
  noScore: string;
  strengthsHeading: string;
  gapsHeading: string;
  suggestionsHeading: string;
  evidenceHeading: string;
  noStrengths: string;
  noGaps: string;
  comparisonPercent: string;
  comparisonAbsolute: string;
  comparisonEqual: string;
  above: string;
  below: string;
  suggestionKind: Record<'training' | 'mentor' | 'goal', string>;
  closing: string;
}

/** English and Simplified Chinese templates; placeholders are filled by `fill`. */
export const REPORT_TEMPLATES: Readonly<Record<ReportLanguage, ReportTemplates>> = {
  en: {
    title: 'Feedback for {name} · {cycle}',
    greeting: 'Hello {first},',
    score: 'Your score this cycle is {score} ({label}).',
    scoreWithBand: 'Your score this cycle is {score} ({label}), in the band "{band}".',
    noScore: 'Your score for this cycle is not final yet.',
    strengthsHeading: 'What went well',
    gapsHeading: 'What to work on',
    suggestionsHeading: 'Suggested next steps',
    evidenceHeading: 'From our conversations',
    noStrengths: 'No indicator stands out above the {unitName} average this time.',
    noGaps: 'No indicator falls behind the {unitName} average.',
    comparisonPercent:
      '{label}: {actual}{unit}, {percent}% {side} the {unitName} average of {average}{unit}',
    comparisonAbsolute:
      '{label}: {actual}{unit}, {difference}{unit} {side} the {unitName} average of {average}{unit}',
    comparisonEqual: '{label}: {actual}{unit}, the same as the {unitName} average',
    above: 'above',
    below: 'below',
    suggestionKind: { training: 'Training', mentor: 'Mentoring', goal: 'Goal' },
    closing: 'Reply below with your thoughts, and acknowledge when you have read this.',
  },
  'zh-CN': {
    title: '{name} 的绩效反馈 · {cycle}',
    greeting: '{first}，你好：',
    score: '你本周期的得分为 {score}（{label}）。',
    scoreWithBand: '你本周期的得分为 {score}（{label}），所在档位为“{band}”。',
    noScore: '你本周期的得分尚未确定。',
    strengthsHeading: '做得好的方面',
    gapsHeading: '需要改进的方面',
    suggestionsHeading: '建议的下一步',
    evidenceHeading: '来自辅导记录',
    noStrengths: '本周期没有指标明显高于{unitName}平均水平。',
    noGaps: '没有指标低于{unitName}平均水平。',
    comparisonPercent:
      '{label}：{actual}{unit}，比{unitName}平均（{average}{unit}）{side} {percent}%',
    comparisonAbsolute:
      '{label}：{actual}{unit}，比{unitName}平均（{average}{unit}）{side} {difference}{unit}',
    comparisonEqual: '{label}：{actual}{unit}，与{unitName}平均持平',
    above: '高',
    below: '低',
    suggestionKind: { training: '培训', mentor: '导师辅导', goal: '目标' },
    closing: '欢迎在下方回复你的想法，阅读后请点击确认。',
  },
};
