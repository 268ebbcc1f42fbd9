import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { type PerformerProfile, PICTURE_TYPES } from '../../../../wire/profile.ts';
import { Avatar } from '../../components/avatar.tsx';
import { FieldError } from '../../components/field.tsx';
import { ProgressBar } from '../../components/progress-bar.tsx';
import { toast } from '../../components/toast.tsx';
import { messageOf } from '../../lib/api.ts';
import { call, client } from '../../lib/api-client.ts';
import { type PictureKind, pictureProblem, uploadPicture } from '../../lib/upload.ts';

type Props = { kind: PictureKind; performer: PerformerProfile; onChange: (performer: PerformerProfile) => void };
const NAMES: Record<PictureKind, string> = { avatar: 'Avatar', cover: 'Cover' };

/**
 * Choosing a file previews it and uploads it at once, with real progress; after a failed upload
 * a button retries the same file. Or remove the current picture.
 */
export function PicturePicker({ kind, performer, onChange }: Props) {
  const file = useSignal<File | null>(null);
  const preview = useSignal<string | null>(null);
  const progress = useSignal<number | null>(null); // stays at 1 after a success, as a receipt
  const uploading = useSignal(false);
  const error = useSignal<string | undefined>(undefined);
  const input = useRef<HTMLInputElement>(null);
  const id = `picture-${kind}`;
  const current = kind === 'avatar' ? performer.avatarUrl : performer.coverUrl;

  // Object URLs hold the file in memory until revoked.
  useEffect(() => {
    const url = preview.value;
    return () => url && URL.revokeObjectURL(url);
  }, [preview.value]);

  const choose = (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const chosen = input.files?.[0] ?? null;
    error.value = chosen ? pictureProblem(chosen) : undefined;
    file.value = chosen && !error.value ? chosen : null;
    progress.value = null;
    preview.value = file.value ? URL.createObjectURL(file.value) : null;
    if (file.value) void upload();
  };

  const upload = async () => {
    if (!file.value) return;
    progress.value = 0;
    uploading.value = true;
    error.value = undefined;
    try {
      onChange(await uploadPicture(performer.handle, kind, file.value, (f) => (progress.value = f)));
      file.value = null;
      preview.value = null;
      if (input.current) input.current.value = '';
      toast(`${NAMES[kind]} updated`);
    } catch (failure) {
      error.value = messageOf(failure);
      progress.value = null;
    } finally {
      uploading.value = false;
    }
  };

  const remove = async () => {
    error.value = undefined;
    try {
      onChange(
        (
          await call(
            client.performers[':handle'][':kind'].$delete({
              param: { handle: encodeURIComponent(performer.handle), kind },
            }),
          )
        ).performer,
      );
      toast(`${NAMES[kind]} removed`);
    } catch (failure) {
      error.value = messageOf(failure);
    }
  };

  const shown = preview.value ?? current;
  const busy = uploading.value;
  return (
    <div class={`picture picture--${kind}`}>
      <div class="picture-preview">
        {kind === 'avatar' && !preview.value && (
          <Avatar name={performer.displayName} url={current} size="xl" decorative={!current} />
        )}
        {kind === 'avatar' && preview.value && (
          <img class="avatar avatar--xl" src={preview.value} alt="Preview of your new avatar" />
        )}
        {kind === 'cover' &&
          (shown ? (
            <img
              class="cover-image"
              src={shown}
              alt={preview.value ? 'Preview of your new cover' : `${performer.displayName}'s cover`}
            />
          ) : (
            <div class="cover-image cover-image--empty" />
          ))}
      </div>
      <div class="picture-controls">
        <label for={id} class="picture-label">
          {NAMES[kind]}
        </label>
        <p id={`${id}-hint`} class="field-hint">
          JPEG, PNG or WebP, up to 5 MB; it uploads as soon as you choose it.
          {kind === 'cover' ? ' Wide pictures work best.' : ''}
        </p>
        <input
          id={id}
          ref={input}
          type="file"
          class="file-input"
          accept={PICTURE_TYPES.join(',')}
          onChange={choose}
          disabled={busy}
          aria-invalid={error.value ? 'true' : undefined}
          aria-describedby={`${id}-hint${error.value ? ` ${id}-error` : ''}`}
        />
        <FieldError id={id} error={error.value} />
        {progress.value !== null && (
          <div class="upload-status">
            <ProgressBar fraction={progress.value} label="Upload progress" />
            <span class="field-hint">
              {busy ? `Uploading… ${Math.round(progress.value * 100)}%` : 'Upload complete'}
            </span>
          </div>
        )}
        {((file.value && !busy) || current) && (
          <div class="button-row">
            {file.value && !busy && (
              <button type="button" class="button button--primary" onClick={upload}>
                Upload {kind}
              </button>
            )}
            {current && (
              <button type="button" class="button button--ghost" disabled={busy} onClick={remove}>
                Remove {kind}
              </button>
            )}
          </div>
        )}
      </div>
    </div>
  );
}
