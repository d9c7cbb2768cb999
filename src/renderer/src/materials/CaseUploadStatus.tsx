/** The case view's "材料上传中 n/m": how many of the case's pages the service has confirmed. */
import { useTranslation } from 'react-i18next';
import { useCasePagesProgress } from './materials-store';
import './materials.css';

export function CaseUploadStatus({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const p = useCasePagesProgress(caseId);
  if (!p || p.total === 0) return null;
  const done = p.confirmed === p.total;
  return (
    <div className={`materials-upload tag ${done ? 'tag-ok' : 'tag-warn'}`} data-testid="case-pages-upload" data-done={p.confirmed} data-total={p.total} data-state={done ? 'done' : p.needsFix > 0 ? 'needsFix' : 'uploading'}>
      {done ? t('materials.uploaded', { total: p.total }) : t('materials.uploading', { done: p.confirmed, total: p.total })}
      {p.needsFix > 0 && <> · {t('materials.uploadProblem', { count: p.needsFix })}</>}
    </div>
  );
}
