import { useState } from 'react';
// From its own module, not the shared/import index: the index brings the whole importer and
// SheetJS into the page's bundle, which reads no file itself (the desk and the import worker do).
import {
  templateCsv,
  TEMPLATE_VARIANTS,
  type TemplateVariant,
} from '../../../../shared/import/template-variants';
import { downloadCsv } from '../../lib/download-file';

/**
 * The template download: column names the importer recognises without any mapping, in
 * English or German, with commas or with semicolons and decimal commas (what a spreadsheet
 * in a comma-decimal locale writes), and one example row per supported currency naming its
 * network (shared/import/template-variants.ts). The choice starts at the page's language.
 */
export function TemplateButton() {
  const [variantId, setVariantId] = useState<TemplateVariant['id']>(defaultVariantId);
  const variant = TEMPLATE_VARIANTS.find((one) => one.id === variantId) ?? TEMPLATE_VARIANTS[0];
  return (
    <span className="template-download">
      <label>
        Template{' '}
        <select
          value={variantId}
          onChange={(event) => {
            setVariantId(event.target.value as TemplateVariant['id']);
          }}
        >
          {TEMPLATE_VARIANTS.map((one) => (
            <option key={one.id} value={one.id}>
              {one.label}
            </option>
          ))}
        </select>
      </label>{' '}
      <button
        type="button"
        title="A CSV with the columns and one example row per supported currency and network. Example rows are refused on import: replace or delete them."
        onClick={() => {
          if (variant) downloadCsv(variant.fileName, templateCsv(variant));
        }}
      >
        Download template
      </button>
    </span>
  );
}

/** German pages get the German semicolon template (Excel's German CSV); others English. */
function defaultVariantId(): TemplateVariant['id'] {
  const language = typeof navigator === 'undefined' ? 'en' : navigator.language;
  return language.toLowerCase().startsWith('de') ? 'de-semicolon' : 'en-comma';
}
