import { ImportProfile } from '../profile.ts';

/**
 * The WNS "HR Analytics: Employee Promotion" file (`train.csv`). It has no names and no managers,
 * so people are named from their id and sit directly in their department; a blank
 * previous_year_rating marks a first-year employee and must not become a rating of 0.
 */
export const hrPromotionProfile: ImportProfile = ImportProfile.parse({
  name: 'hr-promotion',
  description:
    'Employee promotion data (WNS hackathon): 54,808 employees, 9 departments, 34 regions.',
  columns: { id: 'employee_id', department: 'department', region: 'region' },
  names: { template: 'Employee {id}' },
  teams: 'none',
  rating: { column: 'previous_year_rating', scaleMin: 1, scaleMax: 5, cycleLabel: 'Previous year' },
  indicators: [
    {
      column: 'KPIs_met >80%',
      key: 'kpis-met-80',
      label: 'KPIs met above 80%',
      unit: 'yes/no',
      direction: 'increase',
    },
    {
      column: 'awards_won?',
      key: 'awards-won',
      label: 'Award won',
      unit: 'yes/no',
      direction: 'increase',
    },
    {
      column: 'avg_training_score',
      key: 'avg-training-score',
      label: 'Average training score',
      unit: 'points',
      direction: 'increase',
    },
    {
      column: 'no_of_trainings',
      key: 'trainings',
      label: 'Trainings attended',
      unit: 'trainings',
      direction: 'increase',
    },
    {
      column: 'length_of_service',
      key: 'length-of-service',
      label: 'Length of service',
      unit: 'years',
      direction: 'increase',
    },
  ],
});
