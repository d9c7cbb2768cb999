/**
 * A checklist line's pages: thumbnails of what was captured for it and the button (key P on the
 * line) that opens the capture panel. Shown under every material line of the intake checklist.
 */
import { useTranslation } from 'react-i18next';
import type { IntakeCase } from '@core/intake/case';
import type { PageRef } from '@core/materials/page';
import { lineNeedsPages } from '@core/materials/policy';
import type { ChecklistMaterial } from '@core/intake/checklist';
import { useLiveQuery } from '../store/live-query';
import { useSession } from '../session/SessionGate';
import { CapturePanel } from './CapturePanel';
import { loadMaterialsSettings } from './materials-store';
import { usePageUrl } from './usePageUrl';
import './materials.css';

const SHOWN = 6;

export function MaterialPagesLine({ c, line, update, open, onOpenChange }: {
  c: IntakeCase;
  line: Pick<ChecklistMaterial, 'key' | 'name' | 'forms'>;
  update: (change: (c: IntakeCase) => IntakeCase) => void;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const { t } = useTranslation();
  const { clerk } = useSession();
  const settings = useLiveQuery(() => loadMaterialsSettings(), []);
  const pages = c.materialPages?.[line.key] ?? [];
  const required = settings ? lineNeedsPages(line, settings.scanPolicy) : false;
  return (
    <div className="line-pages" data-testid="line-pages" data-count={pages.length}>
      <button type="button" className="btn btn-small" tabIndex={-1} onClick={() => onOpenChange(true)} data-testid="open-capture">
        {t('materials.open')} <kbd>P</kbd>
      </button>
      <span className={`small ${pages.length === 0 && required ? 'pages-required' : 'muted'}`}>
        {pages.length > 0 ? t('materials.pageCount', { count: pages.length }) : required ? t('materials.required') : t('materials.none')}
      </span>
      {pages.slice(0, SHOWN).map((p) => <Thumb key={p.sha256} caseId={c.id} page={p} />)}
      {pages.length > SHOWN && <span className="muted small">+{pages.length - SHOWN}</span>}
      {open && settings && <CapturePanel c={c} lineKey={line.key} lineName={line.name} clerkId={clerk.clerkId} settings={settings} update={update} onClose={() => onOpenChange(false)} />}
    </div>
  );
}

function Thumb({ caseId, page }: { caseId: string; page: PageRef }) {
  const url = usePageUrl(caseId, page.sha256, page.mime);
  return <span className="line-thumb">{url && url !== 'gone' ? <img src={url} alt="" /> : null}</span>;
}
