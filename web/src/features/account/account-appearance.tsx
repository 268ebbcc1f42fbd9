import { useSignal } from '@preact/signals';
import { type Me, MeUpdateBody } from '../../../../wire/account.ts';
import { PICTURE_TYPES } from '../../../../wire/profile.ts';
import { Avatar } from '../../components/avatar.tsx';
import { TextField } from '../../components/field.tsx';
import { FormAlert } from '../../components/form-alert.tsx';
import { SubmitButton } from '../../components/submit-button.tsx';
import { toast } from '../../components/toast.tsx';
import { messageOf } from '../../lib/api.ts';
import { call, client } from '../../lib/api-client.ts';
import { formValues, schemaProblems, submitForm, useFormState } from '../../lib/forms.ts';
import { currentUser } from '../../lib/session.ts';
import { pictureProblem, putWithProgress } from '../../lib/upload.ts';

const LABELS: Record<string, [string, string]> = { displayName: ['Display name', 'display-name'] };

/** How you appear to others: your display name and picture (shown in the header and, for performers, everywhere). */
export function AccountAppearance({ user }: { user: Me }) {
  const form = useFormState();
  const fields = form.fields.value;
  const uploading = useSignal<number | null>(null);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const values = formValues(event.currentTarget as HTMLFormElement);
    await submitForm(form, schemaProblems(MeUpdateBody, values), async () => {
      // The values passed the schema check above.
      currentUser.value = (await call(client.me.$patch({ json: values as MeUpdateBody }))).user;
      toast('Display name saved');
    });
  };
  const choose = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const problem = pictureProblem(file);
    if (problem) return toast(problem, 'error');
    uploading.value = 0;
    try {
      const answer = await putWithProgress(client.me.avatar, '/api/me/avatar', file, (f) => (uploading.value = f));
      currentUser.value = answer.user;
      toast('Picture saved');
    } catch (error) {
      toast(messageOf(error), 'error');
    } finally {
      uploading.value = null;
    }
  };
  const remove = async () => {
    try {
      currentUser.value = (await call(client.me.avatar.$delete())).user;
      toast('Picture removed');
    } catch (error) {
      toast(messageOf(error), 'error');
    }
  };
  return (
    <section class="card settings-section" aria-labelledby="appearance-title">
      <h2 id="appearance-title">Name and picture</h2>
      <div class="account-picture">
        <Avatar name={user.displayName} url={user.avatarUrl} size="xl" />
        <div class="account-picture-actions">
          <label class="button button--ghost">
            {uploading.value === null ? 'Choose a picture' : `Uploading ${Math.round(uploading.value * 100)}%`}
            <input
              type="file"
              class="visually-hidden"
              accept={PICTURE_TYPES.join(',')}
              disabled={uploading.value !== null}
              onChange={(event) => void choose(event.currentTarget)}
            />
          </label>
          {user.avatarUrl && (
            <button type="button" class="button button--ghost" onClick={() => void remove()}>
              Remove picture
            </button>
          )}
          <p class="muted">JPEG, PNG or WebP, at most 5 MB.</p>
        </div>
      </div>
      <FormAlert message={form.summary.value} fields={fields} labels={LABELS} />
      <form noValidate onSubmit={submit} class="form">
        <TextField
          id="display-name"
          name="displayName"
          label="Display name"
          autoComplete="nickname"
          maxLength={60}
          value={user.displayName}
          error={fields.displayName}
        />
        <SubmitButton busy={form.busy.value}>Save name</SubmitButton>
      </form>
    </section>
  );
}
