import type { SocialLink } from '../../../../wire/profile.ts';
import { FieldError } from '../../components/field.tsx';
import type { FieldErrors } from '../../lib/forms.ts';

const MAX_LINKS = 10;
type Props = { links: SocialLink[]; onChange: (links: SocialLink[]) => void; errors: FieldErrors };

/** Rows of label + https URL; errors arrive keyed like `links.2.url`. */
export function LinksEditor({ links, onChange, errors }: Props) {
  const update = (index: number, change: Partial<SocialLink>) =>
    onChange(links.map((link, i) => (i === index ? { ...link, ...change } : link)));
  return (
    <fieldset class="field rows-editor">
      <legend>Links</legend>
      <p class="field-hint">
        Your website, shop or socials; https:// only. {links.length} of {MAX_LINKS}.
      </p>
      {links.map((link, i) => {
        const n = i + 1;
        const labelError = errors[`links.${i}.label`];
        const urlError = errors[`links.${i}.url`];
        return (
          <div class="editor-row link-row" key={i}>
            <div class="editor-cell">
              <label for={`link-${i}-label`} class="cell-label">
                Link {n} name
              </label>
              <input
                id={`link-${i}-label`}
                class="input"
                value={link.label}
                maxLength={40}
                placeholder="Website"
                onInput={(e) => update(i, { label: e.currentTarget.value })}
                aria-invalid={labelError ? 'true' : undefined}
                aria-describedby={labelError ? `link-${i}-label-error` : undefined}
              />
              <FieldError id={`link-${i}-label`} error={labelError} />
            </div>
            <div class="editor-cell editor-cell--wide">
              <label for={`link-${i}-url`} class="cell-label">
                Link {n} address
              </label>
              <input
                id={`link-${i}-url`}
                class="input"
                type="url"
                inputMode="url"
                value={link.url}
                placeholder="https://"
                onInput={(e) => update(i, { url: e.currentTarget.value })}
                aria-invalid={urlError ? 'true' : undefined}
                aria-describedby={urlError ? `link-${i}-url-error` : undefined}
              />
              <FieldError id={`link-${i}-url`} error={urlError} />
            </div>
            <button
              type="button"
              class="button button--ghost row-remove"
              onClick={() => onChange(links.filter((_, j) => j !== i))}
            >
              Remove<span class="visually-hidden"> link {n}</span>
            </button>
          </div>
        );
      })}
      <button
        type="button"
        class="button"
        disabled={links.length >= MAX_LINKS}
        onClick={() => onChange([...links, { label: '', url: 'https://' }])}
      >
        + Add link
      </button>
    </fieldset>
  );
}
