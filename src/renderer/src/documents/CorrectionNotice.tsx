/**
 * 补正告知书, rendered from the core content model (correctionNoticeContent) as
 * an A4 sheet like the other documents: every material and every entry the departments ask
 * to correct, at once (一次性告知), with the departments asking.
 */
import type { CorrectionNoticeContent } from '@core/lifecycle/correction';
import { formatDocumentDate, formatDocumentDateTime, type DocumentContent } from './document-model';
import { DocFooter, DocHeader, KvTable, partyRows, Salutation, Sheet, SignatureAndSeal } from './parts';
import './documents.css';

export function CorrectionNotice({ content }: { content: CorrectionNoticeContent }) {
  // The sheet is dated when the notice is issued (the seal's date), not at acceptance.
  const base = { ...content, decidedAt: content.noticeAt } as unknown as DocumentContent;
  const departments = content.departments.map((d) => d.name).join('、') || '—';
  return (
    <Sheet kind="correction-notice" title={content.title}>
      <DocHeader content={base} qr />
      <Salutation name={content.applicant.name} />
      <p className="doc-para">{content.statement}</p>
      <KvTable
        rows={[
          ...partyRows(content.applicant, content.agent),
          [{ label: '审查部门', value: departments, wide: true }],
          [
            { label: '告知时间', value: formatDocumentDateTime(content.noticeAt) },
            { label: '受理日期', value: formatDocumentDate(content.decidedAt.date) },
          ],
        ]}
      />
      {content.materials.length > 0 && (
        <>
          <h3 className="doc-section">需补正的材料</h3>
          <table className="doc-table doc-list" data-testid="correction-notice-materials">
            <thead>
              <tr>
                <th scope="col">序号</th>
                <th scope="col">材料名称</th>
                <th scope="col">补正要求</th>
                <th scope="col">提出部门</th>
              </tr>
            </thead>
            <tbody>
              {content.materials.map((m, i) => (
                <tr key={`${i}-${m.name}`}>
                  <td className="doc-center">{i + 1}</td>
                  <td>
                    {m.name}
                    {m.acceptanceStandard && <div className="doc-aside">{m.acceptanceStandard}</div>}
                  </td>
                  <td>{m.requests.join('；')}</td>
                  <td>{m.departments.join('、')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {content.entries.length > 0 && (
        <>
          <h3 className="doc-section">需更正的申请信息</h3>
          <table className="doc-table doc-list" data-testid="correction-notice-entries">
            <thead>
              <tr>
                <th scope="col">序号</th>
                <th scope="col">项目</th>
                <th scope="col">原填写内容</th>
                <th scope="col">补正要求</th>
                <th scope="col">提出部门</th>
              </tr>
            </thead>
            <tbody>
              {content.entries.map((e, i) => (
                <tr key={`${i}-${e.label}`}>
                  <td className="doc-center">{i + 1}</td>
                  <td>{e.label}</td>
                  <td>{e.currentValue ?? '（空）'}</td>
                  <td>{e.requests.join('；')}</td>
                  <td>{e.departments.join('、')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {content.otherRequests.length > 0 && (
        <>
          <h3 className="doc-section">其他意见</h3>
          <ul className="doc-para">
            {content.otherRequests.map((o, i) => (
              <li key={i}>
                {o.text}
                {o.department && `（${o.department}）`}
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="doc-footnote">依据：{content.legalBasis.join('；')}</p>
      <SignatureAndSeal content={base} applicantLabel={content.signature.label} applicantDateLabel={content.signature.dateLabel} />
      <DocFooter content={base} />
    </Sheet>
  );
}
