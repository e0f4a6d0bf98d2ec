import type { ImportProfile } from '../profile.ts';
import { hrDatasetV14Profile } from './hr-dataset-v14.ts';
import { hrPromotionProfile } from './hr-promotion.ts';
import { orangehrmProfile } from './orangehrm.ts';

/**
 * Profiles shipped with Firstline, by name. `generic` is not here: it is whatever JSON profile the
 * caller passes.
 */
export const BUILTIN_PROFILES: ReadonlyMap<string, ImportProfile> = new Map([
  [hrDatasetV14Profile.name, hrDatasetV14Profile],
  [hrPromotionProfile.name, hrPromotionProfile],
  [orangehrmProfile.name, orangehrmProfile],
]);
