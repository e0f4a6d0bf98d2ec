import { ImportProfile } from '../profile.ts';

/**
 * Huebner & Patalano's HR Data Set v14 (`HRDataset_v14.csv`). Managers are matched by name because
 * the file's ManagerID is not a key (one name carries two ids, some are blank) and managers are
 * mostly not rows; "Board of Directors" heads the CEO and is not a person.
 */
export const hrDatasetV14Profile: ImportProfile = ImportProfile.parse({
  name: 'hr-dataset-v14',
  description: 'HR Data Set v14 (Dental Magic, synthetic): 311 employees, 6 departments.',
  companyName: 'Dental Magic',
  columns: {
    id: 'EmpID',
    name: 'Employee_Name',
    title: 'Position',
    department: 'Department',
    managerName: 'ManagerName',
    region: 'State',
    hireDate: 'DateofHire',
    leftDate: 'DateofTermination',
    status: 'Termd',
  },
  names: { order: 'last-comma-first' },
  managers: { notPeople: ['Board of Directors'], createMissing: true },
  teams: 'per-manager',
  statusValues: { terminated: ['1'], leave: [] },
  rating: {
    column: 'PerformanceScore',
    scaleMin: 1,
    scaleMax: 4,
    labels: { PIP: 1, 'Needs Improvement': 2, 'Fully Meets': 3, Exceeds: 4 },
    dateColumn: 'LastPerformanceReview_Date',
    cycleLabel: 'Last performance review',
  },
  indicators: [
    { column: 'Absences', key: 'absences', label: 'Absences', unit: 'days', direction: 'decrease' },
    {
      column: 'DaysLateLast30',
      key: 'days-late-last-30',
      label: 'Days late (last 30 days)',
      unit: 'days',
      direction: 'decrease',
    },
    {
      column: 'SpecialProjectsCount',
      key: 'special-projects',
      label: 'Special projects',
      unit: 'projects',
      direction: 'increase',
    },
    {
      column: 'EngagementSurvey',
      key: 'engagement',
      label: 'Engagement survey (1-5)',
      unit: 'score',
      direction: 'increase',
    },
    {
      column: 'EmpSatisfaction',
      key: 'satisfaction',
      label: 'Satisfaction (1-5)',
      unit: 'score',
      direction: 'increase',
    },
  ],
  dates: { format: 'M/D/YYYY', ambiguousOrder: 'month-first' },
  encoding: 'auto',
});
