/**
 * 一次性告知书 (行政许可法 Art. 32(1)(四)): every missing or deficient material at once, with
 * its acceptance standard and the reason, signed by the applicant.
 */
import type { OneTimeNoticeContent } from '@core/intake/documents';
import { formatDocumentDate, itemsLine, ONE_VISIT_STATEMENT, problemLabel } from './document-model';
import { DocFooter, DocHeader, KvTable, partyRows, Salutation, Sheet, SignatureAndSeal } from './parts';

export interface OneTimeNoticeProps {
  content: OneTimeNoticeContent;
}

export function OneTimeNotice({ content }: OneTimeNoticeProps) {
  const multiItem = content.items.length > 1;
  return (
    <Sheet kind="oneTimeNotice" title={content.title}>
      <DocHeader content={content} qr />

      <Salutation name={content.applicant.name} />
      <p className="doc-para">{content.statement}</p>

      <KvTable
        testId="document-parties"
        rows={[
          ...partyRows(content.applicant, content.agent, false),
          [{ label: '申请事项', value: itemsLine(content), wide: true }],
          [
            { label: '申请时间', value: formatDocumentDate(content.appliedAt.date) },
            { label: '告知日期', value: formatDocumentDate(content.decidedAt.date) },
          ],
          [
            { label: '经办人', value: `${content.clerk.name}（${content.clerk.windowNo}号窗口）` },
            { label: '咨询电话', value: content.clerk.phone || '—' },
          ],
        ]}
      />

      <h3 className="doc-section">需要补齐补正的材料（共 {content.materials.length} 项）</h3>
      <table className="doc-table doc-list" data-testid="document-materials">
        <colgroup>
          <col className="doc-col-no" />
          <col className="doc-col-name" />
          <col className="doc-col-problem" />
          <col />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">序号</th>
            <th scope="col">材料名称</th>
            <th scope="col">补正事由</th>
            <th scope="col">受理标准</th>
          </tr>
        </thead>
        <tbody>
          {content.materials.map((m, i) => (
            <tr key={`${i}-${m.name}`} data-problem={m.problem}>
              <td className="doc-center">{i + 1}</td>
              <td>
                {m.name}
                {multiItem && m.itemNames.length > 0 && <div className="doc-aside">用于：{m.itemNames.join('、')}</div>}
                {m.pages ? <div className="doc-aside" data-testid="document-pages">电子材料 {m.pages} 页</div> : null}
              </td>
              <td>
                <strong>{problemLabel(m)}</strong>
                <div>{m.reason}</div>
              </td>
              <td>
                {m.acceptanceStandard}
                {m.legalBasis && <div className="doc-aside">依据：{m.legalBasis}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <p className="doc-para doc-strong-para" data-testid="document-one-visit">
        {ONE_VISIT_STATEMENT}
      </p>

      <div className="doc-basis">
        <span className="doc-basis-label">告知依据：</span>
        <ol className="doc-basis-list">
          {content.legalBasis.map((b) => (
            <li key={b}>{b}</li>
          ))}
        </ol>
      </div>

      <SignatureAndSeal content={content} applicantLabel={content.signature.label} applicantDateLabel={content.signature.dateLabel} />
      <DocFooter content={content} />
    </Sheet>
  );
}
