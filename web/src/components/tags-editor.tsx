import { useSignal } from '@preact/signals';
import { Tag } from '../../../wire/profile.ts';
import { FieldError } from './field.tsx';

const MAX_TAGS = 10;
type Props = { tags: string[]; onChange: (tags: string[]) => void; error: string | undefined };

/** Tags as removable chips; Enter or comma adds what was typed, checked by the shared schema. */
export function TagsEditor({ tags, onChange, error }: Props) {
  const draft = useSignal('');
  const problem = useSignal<string | undefined>(undefined);
  const full = tags.length >= MAX_TAGS;

  const add = () => {
    const parsed = Tag.safeParse(draft.value);
    if (!parsed.success) {
      problem.value = parsed.error.issues[0]?.message;
      return;
    }
    if (tags.includes(parsed.data)) {
      problem.value = `#${parsed.data} is already there`;
      return;
    }
    onChange([...tags, parsed.data]);
    draft.value = '';
    problem.value = undefined;
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault(); // Enter would submit the whole profile form
      if (draft.value.trim()) add();
    }
  };

  const shownError = problem.value ?? error;
  return (
    <fieldset class="field tags-editor">
      <legend>Tags</legend>
      <p id="tags-hint" class="field-hint">
        Up to {MAX_TAGS}, so viewers can find you. {tags.length} of {MAX_TAGS} used.
      </p>
      {tags.length > 0 && (
        <ul class="tag-list">
          {tags.map((tag) => (
            <li class="tag tag--removable" key={tag}>
              #{tag}
              <button
                type="button"
                class="tag-remove"
                aria-label={`Remove tag ${tag}`}
                onClick={() => onChange(tags.filter((t) => t !== tag))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="inline-add">
        <label for="tag-input" class="visually-hidden">
          New tag
        </label>
        <input
          id="tag-input"
          class="input"
          value={draft.value}
          placeholder={full ? 'Tag limit reached' : 'e.g. synthpop'}
          disabled={full}
          maxLength={24}
          autoCapitalize="none"
          onInput={(e) => (draft.value = e.currentTarget.value)}
          onKeyDown={onKeyDown}
          aria-invalid={shownError ? 'true' : undefined}
          aria-describedby={`tags-hint${shownError ? ' tags-error' : ''}`}
        />
        <button type="button" class="button" onClick={add} disabled={full || !draft.value.trim()}>
          Add tag
        </button>
      </div>
      <FieldError id="tags" error={shownError} />
    </fieldset>
  );
}
