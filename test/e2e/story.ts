import { it, type TestOptions } from 'vitest';

type Step = {
  (name: string, fn: () => Promise<void>): void;
  (name: string, options: TestOptions, fn: () => Promise<void>): void;
};

/**
 * The steps of one story in a browser, each its own test named for the one behaviour it checks, run in
 * order on the pages the earlier steps left. After a step fails, the later ones are skipped rather than
 * failing for its reason, so the failure names the behaviour that broke.
 */
export function storySteps(): Step {
  let broken: string | undefined;
  return (name: string, ...rest: [() => Promise<void>] | [TestOptions, () => Promise<void>]) => {
    const [options, fn] = rest.length === 1 ? [{}, rest[0]] : rest;
    it(name, options, async (context) => {
      if (broken) context.skip(`an earlier step failed: ${broken}`);
      context.onTestFailed(() => {
        broken ??= name;
      });
      await fn();
    });
  };
}
