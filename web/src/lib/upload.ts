import type { ClientResponse } from 'hono/client';
import { type PerformerProfile, PICTURE_MAX_BYTES, PICTURE_TYPES } from '../../../wire/profile.ts';
import { ApiFailure, failureFrom, offline } from './api.ts';
import { type Answer, client } from './api-client.ts';

export type PictureKind = 'avatar' | 'cover';

/** The same limits the Worker enforces, checked first so nobody waits for a doomed upload. */
export function pictureProblem(file: File): string | undefined {
  if (!(PICTURE_TYPES as readonly string[]).includes(file.type)) return 'Choose a JPEG, PNG or WebP picture';
  if (file.size > PICTURE_MAX_BYTES)
    return `That picture is ${(file.size / 1024 / 1024).toFixed(1)} MB; the limit is 5 MB`;
  if (file.size === 0) return 'That file is empty';
  return undefined;
}

/** What a typed client route answers to a PUT: the upload's answer comes from the route, not the caller. */
type PutAnswer<Route extends { $put: (...args: never[]) => Promise<ClientResponse<unknown, number, string>> }> = Answer<
  Awaited<ReturnType<Route['$put']>>
>;

/**
 * PUTs a file's raw bytes to `path` (the address of `route`) and resolves with the route's JSON answer.
 * XMLHttpRequest rather than fetch because only XHR reports upload progress; `onProgress` gets a
 * fraction from 0 to 1.
 */
export function putWithProgress<
  Route extends { $put: (...args: never[]) => Promise<ClientResponse<unknown, number, string>> },
>(_route: Route, path: string, file: File, onProgress: (fraction: number) => void): Promise<PutAnswer<Route>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', path);
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(JSON.parse(xhr.responseText) as PutAnswer<Route>);
      } else {
        reject(failureFrom(xhr.status, xhr.responseText, xhr.getResponseHeader('Retry-After')));
      }
    };
    xhr.onerror = () => reject(offline());
    xhr.onabort = () => reject(new ApiFailure(0, 'NETWORK', 'Upload cancelled'));
    xhr.send(file);
  });
}

/** Sends an avatar or cover picture (its type was checked by pictureProblem first). */
export async function uploadPicture(
  handle: string,
  kind: PictureKind,
  file: File,
  onProgress: (fraction: number) => void,
): Promise<PerformerProfile> {
  return (
    await putWithProgress(
      client.performers[':handle'][':kind'],
      `/api/performers/${encodeURIComponent(handle)}/${kind}`,
      file,
      onProgress,
    )
  ).performer;
}
