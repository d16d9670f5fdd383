import template from '../../../../resources/payout-template.csv?raw';
import { downloadCsv } from '../../lib/download-file';

/** The template's columns are the ones the importer recognises without any mapping. */
export function TemplateButton() {
  return (
    <button
      type="button"
      onClick={() => {
        downloadCsv('payout-template.csv', template);
      }}
    >
      Download template
    </button>
  );
}
