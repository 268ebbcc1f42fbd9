import axe from 'axe-core';
import type { Page } from 'playwright-core';

/** One axe-core finding as the failure message lists it. */
type Finding = { id: string; impact: string; help: string; targets: string[] };

/**
 * Runs axe-core in the page as it stands and fails, listing each finding, when any is serious or critical
 * (the definition of done: no serious findings). Minor and moderate ones are left to review. `within` (a CSS
 * selector) checks one part of the page only.
 */
export async function expectNoSeriousA11y(page: Page, label: string, within?: string): Promise<void> {
  // Evaluated, not added as a <script>: the app's CSP (script-src 'self') refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  const findings = await page.evaluate(async (within) => {
    const run = (window as unknown as { axe: typeof axe }).axe.run;
    const results = await run(within ? { include: [within] } : document, { resultTypes: ['violations'] });
    return results.violations.flatMap((v) =>
      v.impact === 'serious' || v.impact === 'critical'
        ? [{ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }]
        : [],
    );
  }, within);
  if (findings.length > 0) throw new Error(`${label}: axe-core found\n${findings.map(describe).join('\n')}`);
}

function describe(finding: Finding): string {
  return `- ${finding.id} (${finding.impact}): ${finding.help}\n    ${finding.targets.join('\n    ')}`;
}
