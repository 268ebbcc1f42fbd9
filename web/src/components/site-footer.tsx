export function SiteFooter() {
  return (
    <footer class="site-footer">
      <p>
        <span class="badge">18+</span> Encore is for adults only. Tips are in virtual tokens.
      </p>
      <p class="site-footer-links">
        <a href="/terms">Terms</a>
        <a href="/privacy">Privacy</a>
        <a href="/2257">2257 statement</a>
        <a href="/api/docs">API</a>
      </p>
    </footer>
  );
}
