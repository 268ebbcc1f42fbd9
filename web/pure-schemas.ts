import { type Plugin, parseSync } from 'vite';

/** A top-level `const` whose value is computed (a zod schema, say) or an object or list that may hold some. */
type Init = { type: string; start: number; end: number };
type Declaration = { type: string; declarations?: { init?: Init | null }[]; declaration?: Declaration | null };
const COMPUTED = new Set([
  'CallExpression',
  'NewExpression',
  'MemberExpression',
  'ObjectExpression',
  'ArrayExpression',
  // `Object.keys(fields) as Kind[]`: the cast hides the call from a check on the outer node.
  'TSAsExpression',
  'TSSatisfiesExpression',
]);

/**
 * Marks each computed top-level constant of a wire/ module as pure for the web build, so a page that
 * imports one constant or helper from a wire/ module gets neither that module's schemas nor zod itself
 * (25 KB gzipped) unless it parses something. Why a transform: the bundler cannot prove that
 * `z.string().min(1)` changes nothing (a method call on a call's result), and `/* @__PURE__ *\/` on
 * hundreds of schemas would be noise in files every feature edits. Building a schema has no effect
 * outside it, so dropping an unused one changes nothing. The Worker's build does not use this.
 */
export function pureSchemas(): Plugin {
  return {
    name: 'encore-pure-schemas',
    apply: 'build',
    enforce: 'pre',
    transform: {
      filter: { id: /[\\/]wire[\\/][^\\/]+\.ts$/ },
      handler(code, id) {
        const edits: { at: number; text: string }[] = [];
        for (const statement of parseSync(id, code).program.body as Declaration[]) {
          const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
          if (declaration?.type !== 'VariableDeclaration') continue;
          for (const { init } of declaration.declarations ?? []) {
            if (!init || !COMPUTED.has(init.type)) continue;
            edits.push({ at: init.start, text: '/* @__PURE__ */ (() => (' }, { at: init.end, text: '))()' });
          }
        }
        if (edits.length === 0) return null;
        let out = code;
        for (const { at, text } of edits.sort((a, b) => b.at - a.at)) out = out.slice(0, at) + text + out.slice(at);
        return { code: out, map: null };
      },
    },
  };
}
