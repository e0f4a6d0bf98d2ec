import { ImportProfile } from '../profile.ts';

/**
 * OrangeHRM 5's employee import layout (`importData_template.csv`). OrangeHRM requires first and
 * last name; the employee id is optional there, so a blank id is derived from the name.
 */
export const orangehrmProfile: ImportProfile = ImportProfile.parse({
  name: 'orangehrm',
  description: 'OrangeHRM 5 employee import CSV (first and last name required).',
  columns: {
    id: 'employee_id',
    firstName: 'first_name',
    middleName: 'middle_name',
    lastName: 'last_name',
    email: 'work_email',
  },
  ids: { personPrefix: 'emp-', whenMissing: 'from-name' },
  dates: { format: 'YYYY-MM-DD' },
});
