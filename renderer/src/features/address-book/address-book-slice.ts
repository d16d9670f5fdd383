/**
 * The address book of the active profile. Every result carries the profile it was read
 * for, so a list answered after a profile switch is dropped instead of shown for the other
 * account.
 */
import { ADDRESS_BOOK_CSV_MAX_CHARS, type AddressBookEntry } from '../../../../shared/address-book';
import type { DeskArgument, DeskError } from '../../../../shared/ipc';
import { addressBookService } from '../../services/desk-service';
import type { SliceCreator } from '../../stores/types';

type Edit = Omit<DeskArgument<'updateAddressBookEntry'>, 'profileId'>;

export type AddressBookSlice = {
  bookProfileId: string | null;
  bookEntries: AddressBookEntry[];
  bookTotal: number;
  bookSearch: string;
  bookLoading: boolean;
  bookError: DeskError | null;
  /** What the last import said: how many lines were saved, and each refused line. */
  bookImport: { imported: number; refused: { line: number; message: string }[] } | null;
  setBookSearch: (search: string) => void;
  loadAddressBook: () => Promise<void>;
  updateAddressBookEntry: (edit: Edit) => Promise<boolean>;
  exportAddressBook: () => Promise<{ fileName: string; csv: string } | null>;
  importAddressBook: (csv: string) => Promise<void>;
};

export const createAddressBookSlice: SliceCreator<AddressBookSlice> = (set, get) => ({
  bookProfileId: null,
  bookEntries: [],
  bookTotal: 0,
  bookSearch: '',
  bookLoading: false,
  bookError: null,
  bookImport: null,
  setBookSearch: (search) => {
    set({ bookSearch: search });
    void get().loadAddressBook();
  },
  loadAddressBook: async () => {
    const profileId = get().activeProfileId;
    if (profileId === null) return;
    if (get().bookProfileId !== profileId) {
      set({
        bookProfileId: profileId,
        bookEntries: [],
        bookTotal: 0,
        bookImport: null,
        bookError: null,
      });
    }
    set({ bookLoading: true, bookError: null });
    const search = get().bookSearch.trim();
    const result = await addressBookService.list({
      profileId,
      limit: 500,
      ...(search ? { search } : {}),
    });
    if (get().activeProfileId !== profileId || get().bookSearch.trim() !== search) return;
    set(
      result.ok
        ? { bookEntries: result.value.entries, bookTotal: result.value.total, bookLoading: false }
        : { bookError: result.error, bookLoading: false },
    );
  },
  updateAddressBookEntry: async (edit) => {
    const profileId = get().activeProfileId;
    if (profileId === null) return false;
    const result = await addressBookService.update({ profileId, ...edit });
    // Answered after a profile switch: the other account's page must not show it.
    if (get().activeProfileId !== profileId) return result.ok;
    if (!result.ok) {
      set({ bookError: result.error });
      return false;
    }
    const saved = result.value;
    set({
      bookError: null,
      bookEntries: get().bookEntries.map((entry) =>
        entry.network === saved.network && entry.address === saved.address ? saved : entry,
      ),
    });
    return true;
  },
  exportAddressBook: async () => {
    const profileId = get().activeProfileId;
    if (profileId === null) return null;
    const result = await addressBookService.export(profileId);
    if (!result.ok) {
      set({ bookError: result.error });
      return null;
    }
    return result.value;
  },
  importAddressBook: async (csv) => {
    const profileId = get().activeProfileId;
    if (profileId === null) return;
    if (csv.length > ADDRESS_BOOK_CSV_MAX_CHARS) {
      set({
        bookImport: null,
        bookError: {
          code: 'VALIDATION',
          message: `This file is too large for an address book (${csv.length.toLocaleString('en-US')} characters; at most ${ADDRESS_BOOK_CSV_MAX_CHARS.toLocaleString('en-US')}). Split it into smaller files.`,
        },
      });
      return;
    }
    const result = await addressBookService.import(profileId, csv);
    if (get().activeProfileId !== profileId) return;
    if (!result.ok) {
      set({ bookError: result.error, bookImport: null });
      return;
    }
    set({ bookImport: result.value, bookError: null });
    await get().loadAddressBook();
  },
});
