import type { SelectorProblem } from '@/lib/panel/check-selector';

/**
 * A selector's parse error with a caret under the place it broke:
 *   group=A,,
 *           ^ expected a label key at 8
 */
export function SelectorProblemHint({ id, text, problem }: { id: string; text: string; problem: SelectorProblem }) {
  return (
    <div id={id} className="mt-1.5 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-xs text-red-800">
      <p className="font-medium">
        Invalid label selector at position {problem.position}: {problem.message}
      </p>
      <pre aria-hidden="true" className="mt-1.5 overflow-x-auto font-mono text-[13px] leading-snug text-red-900">
        {text || ' '}
        {'\n'}
        {' '.repeat(problem.position)}^
      </pre>
    </div>
  );
}
