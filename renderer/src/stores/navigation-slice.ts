/** Which screen the main area shows. */
import type { SliceCreator } from './types';

export type View =
  'history' | 'new-payout' | 'import' | 'drafts' | 'address-book' | 'accounts' | 'audit';

export type NavigationSlice = {
  view: View;
  navigate: (view: View) => void;
};

export const createNavigationSlice: SliceCreator<NavigationSlice> = (set) => ({
  view: 'history',
  navigate: (view) => {
    set({ view });
  },
});
