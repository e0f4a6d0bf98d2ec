import { z } from 'zod';

/** The languages a feedback report is written in (F5.1); matches the organisation's locale. */
export const ReportLanguage = z.enum(['en', 'zh-CN']);
export type ReportLanguage = z.infer<typeof ReportLanguage>;

/** Text in every report language; a catalogue entry or a template carries one of these. */
export const LocalizedText = z.object({ en: z.string().min(1), 'zh-CN': z.string().min(1) });
export type LocalizedText = z.infer<typeof LocalizedText>;

/** Fills `{name}` placeholders; an unknown placeholder stays visible rather than vanishing. */
export function fill(template: string, params: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}
