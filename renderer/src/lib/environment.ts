/** How each environment is named wherever a profile is shown. */
import type { Profile, ProfileEnvironment } from '../../../shared/ipc';

export const ENVIRONMENT_WARNING: Readonly<Record<ProfileEnvironment, string>> = {
  simulator: 'simulator — not real money',
  production: 'PRODUCTION — real funds',
  custom: 'custom environment',
};

export function environmentLabel(profile: Pick<Profile, 'environment' | 'baseUrl'>): string {
  if (profile.environment === 'custom') {
    try {
      return `custom environment (${new URL(profile.baseUrl).host})`;
    } catch {
      return 'custom environment';
    }
  }
  return ENVIRONMENT_WARNING[profile.environment];
}
