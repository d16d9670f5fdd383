/**
 * The address book's part of the DeskApi handler table; desk.ts spreads it in. Every
 * method names its profile, which must exist.
 */
import type { DeskHandlers } from '../ipc/dispatch';
import type { AddressBook } from './address-book-service';

type AddressBookMethods =
  'listAddressBook' | 'updateAddressBookEntry' | 'exportAddressBook' | 'importAddressBook';

export function addressBookHandlers(deps: {
  book: AddressBook;
  requireProfile: (profileId: string) => unknown;
}): Pick<DeskHandlers, AddressBookMethods> {
  const { book, requireProfile } = deps;
  return {
    listAddressBook: ({ profileId, ...query }) => {
      requireProfile(profileId);
      return book.list(profileId, query);
    },
    updateAddressBookEntry: ({ profileId, ...edit }) => {
      requireProfile(profileId);
      return book.update(profileId, edit);
    },
    exportAddressBook: ({ profileId }) => {
      requireProfile(profileId);
      return book.exportCsv(profileId);
    },
    importAddressBook: ({ profileId, csv }) => {
      requireProfile(profileId);
      return book.importCsv(profileId, csv);
    },
  };
}
