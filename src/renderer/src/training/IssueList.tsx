/** Problems of an imported or authored scenario pack, each as path: reason in the clerk's language. */
import type { ScenarioIssue } from '@core/training/scenario';
import { useLocale } from '../i18n/useLocale';

export function IssueList({ issues, testId }: { issues: readonly ScenarioIssue[]; testId: string }) {
  const locale = useLocale();
  return (
    <ul className="tr-issues" role="alert" data-testid={testId}>
      {issues.slice(0, 100).map((i, n) => (
        <li key={n}>
          <code>{i.path || '(root)'}</code>: {i.message[locale]}
        </li>
      ))}
      {issues.length > 100 && <li>… {issues.length - 100}</li>}
    </ul>
  );
}
