type Props = { name: string; url: string | null; size?: 'sm' | 'md' | 'lg' | 'xl'; decorative?: boolean };

export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0]!, words[words.length - 1]!] : words;
  return letters.map((w) => [...w][0]!.toUpperCase()).join('') || '?';
}

/** A stable hue per name, from a small set of classes (no inline styles under the CSP). */
function hueClass(name: string): string {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.charCodeAt(0)) | 0;
  return `avatar--hue-${Math.abs(hash) % 6}`;
}

/** The picture, or initials on a coloured disc when there is none. */
export function Avatar({ name, url, size = 'md', decorative = false }: Props) {
  const label = `${name}'s avatar`;
  if (url)
    return (
      <img class={`avatar avatar--${size}`} src={url} alt={decorative ? '' : label} loading="lazy" decoding="async" />
    );
  const shown = `avatar avatar--${size} avatar--initials ${hueClass(name)}`;
  if (decorative)
    return (
      <span class={shown} aria-hidden="true">
        {initials(name)}
      </span>
    );
  return (
    <span class={shown} role="img" aria-label={label}>
      {initials(name)}
    </span>
  );
}
