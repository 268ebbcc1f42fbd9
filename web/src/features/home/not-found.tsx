import { usePageTitle } from '../../lib/page-title.ts';

export function NotFound() {
  usePageTitle('Page not found');
  return (
    <div class="page">
      <div class="state state--empty not-found">
        <p class="not-found-code" aria-hidden="true">
          404
        </p>
        <h1>This page is not here</h1>
        <p>The link may be old, or the performer may have changed their handle.</p>
        <p>
          <a href="/" class="button button--primary">
            Go to the home page
          </a>
        </p>
      </div>
    </div>
  );
}
