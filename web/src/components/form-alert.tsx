import { useEffect, useRef } from 'preact/hooks';
import type { FieldErrors } from '../lib/forms.ts';

type Props = { message: string; fields: FieldErrors; labels: Record<string, [label: string, id: string]> };

/**
 * The summary at the top of a form: the server's (or our) message, then each field's problem
 * linking to the field. It takes focus when it appears so screen readers hear it at once.
 */
export function FormAlert({ message, fields, labels }: Props) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) box.current?.focus();
  }, [message, fields]);
  if (!message) return null;
  const listed = Object.entries(fields).filter(([name]) => labels[name]);
  return (
    <div class="alert alert--error" role="alert" tabIndex={-1} ref={box}>
      <p class="alert-title">{message}</p>
      {listed.length > 0 && (
        <ul>
          {listed.map(([name, problem]) => {
            const [label, id] = labels[name]!;
            return (
              <li key={name}>
                <a
                  href={`#${id}`}
                  onClick={(e) => {
                    e.preventDefault();
                    document.getElementById(id)?.focus();
                  }}
                >
                  {label}: {problem}
                </a>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
