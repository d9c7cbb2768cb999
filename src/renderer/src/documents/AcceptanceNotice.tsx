/** 受理通知书: the acceptance, as printed on A4 and handed to the applicant. */
import type { AcceptanceNoticeContent } from '@core/intake/documents';
import {
  copiesText,
  formatDocumentDate,
  formatDocumentDateTime,
  PROVISIONAL_MARK,
  provisionalFootnote,
  receivedLabel,
} from './document-model';
import { DocFooter, DocHeader, KvTable, partyRows, Salutation, Sheet, SignatureAndSeal } from './parts';

export interface AcceptanceNoticeProps {
  content: AcceptanceNoticeContent;
}

export function AcceptanceNotice({ content }: AcceptanceNoticeProps) {
  const itemsByCode = new Map(content.items.map((i) => [i.basicCode, i]));
  const footnote = provisionalFootnote(content.promised);
  const anyFetched = content.materialsReceived.some((m) => m.received === 'fetched');
  const departments = content.acceptingDepartments.map((d) => d.name).join('、') || '—';

  return (
    <Sheet kind="acceptance" title={content.title}>
      <DocHeader content={content} qr />

      <Salutation name={content.applicant.name} />
      <p className="doc-para">{content.statement}</p>

      <KvTable
        testId="document-parties"
        rows={[
          ...partyRows(content.applicant, content.agent),
          ...(content.bundle ? [[{ label: '一件事', value: content.bundle.name, wide: true }]] : []),
          [{ label: '受理部门', value: departments, wide: true }],
          [
            { label: '申请时间', value: formatDocumentDateTime(content.appliedAt) },
            { label: '受理时间', value: formatDocumentDateTime(content.decidedAt) },
          ],
          [
            { label: '经办人', value: content.clerk.name },
            { label: '受理窗口', value: `${content.clerk.windowNo}号窗口` },
          ],
        ]}
      />

      <h3 className="doc-section">申请事项及承诺办结日期</h3>
      <table className="doc-table doc-list" data-testid="document-items">
        <colgroup>
          <col className="doc-col-no" />
          <col />
          <col className="doc-col-code" />
          <col className="doc-col-dept" />
          <col className="doc-col-limit" />
          <col className="doc-col-date" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">序号</th>
            <th scope="col">事项名称</th>
            <th scope="col">实施编码</th>
            <th scope="col">实施部门</th>
            <th scope="col">承诺时限</th>
            <th scope="col">承诺办结日期</th>
          </tr>
        </thead>
        <tbody>
          {content.promised.map((p, i) => {
            const item = itemsByCode.get(p.basicCode);
            const handling = item?.handlingItems.map((h) => h.name).filter((n) => n && n !== item.name) ?? [];
            const codes = item?.implementationCode ? [item.implementationCode] : item && item.implementationCodes.length > 0 ? item.implementationCodes : [p.basicCode];
            return (
              <tr key={p.basicCode}>
                <td className="doc-center">{i + 1}</td>
                <td>
                  {p.itemName}
                  {handling.length > 0 && <span className="doc-aside">（{handling.join('、')}）</span>}
                </td>
                <td className="doc-mono">
                  {codes.map((c) => (
                    <div key={c}>{c}</div>
                  ))}
                </td>
                <td>{item?.department.name || '—'}</td>
                <td className="doc-center">{p.limitText}</td>
                <td className="doc-center doc-strong" data-provisional={p.provisional || undefined}>
                  {formatDocumentDate(p.date)}
                  {p.provisional && <span className="doc-provisional">{PROVISIONAL_MARK}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {footnote && (
        <p className="doc-footnote" data-testid="document-provisional-note">
          注：{footnote}
        </p>
      )}
      {content.specialProcedures.length > 0 && (
        <p className="doc-para" data-testid="document-special-procedures">
          特别程序：以下程序所需时间不计入上述承诺时限——
          {content.specialProcedures.map((sp) => `${content.promised.length > 1 ? `${sp.itemName}：` : ''}${sp.text}`).join('；')}。
        </p>
      )}

      <h3 className="doc-section">本中心留存的申请材料</h3>
      <table className="doc-table doc-list" data-testid="document-materials">
        <colgroup>
          <col className="doc-col-no" />
          <col />
          <col className="doc-col-received" />
          <col className="doc-col-copies" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">序号</th>
            <th scope="col">材料名称</th>
            <th scope="col">收取方式</th>
            <th scope="col">份数</th>
          </tr>
        </thead>
        <tbody>
          {content.materialsReceived.length === 0 ? (
            <tr>
              <td colSpan={4} className="doc-center">
                无需提交材料
              </td>
            </tr>
          ) : (
            content.materialsReceived.map((m, i) => (
              <tr key={`${i}-${m.name}`}>
                <td className="doc-center">{i + 1}</td>
                <td>
                  {m.name}
                  {m.pages ? <div className="doc-aside" data-testid="document-pages">电子材料 {m.pages} 页</div> : null}
                </td>
                <td className="doc-center">
                  {receivedLabel(m)}
                  {/* data sharing: what was fetched, by licence number and issuer */}
                  {m.licence && <div className="doc-small" data-testid="notice-licence">已调取：{m.licence.typeName} {m.licence.number}（{m.licence.issuer}）</div>}
                  {m.byDepartment && <div className="doc-small">由部门调取</div>}
                </td>
                <td className="doc-center">{copiesText(m)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      {anyFetched && <p className="doc-footnote">注：收取方式为“免提交”的材料，已由本中心通过数据共享调取，申请人无需提交。</p>}
      {content.originalsReturned.length > 0 && (
        <p className="doc-para" data-testid="document-originals-returned">
          以下原件经核验后已当场退还申请人，本中心仅留存其复印件：{content.originalsReturned.map((m) => m.name).join('、')}。
        </p>
      )}

      <p className="doc-para doc-notes">
        请妥善保管本通知书。您可凭本通知书或办件编号查询办理进度、领取办理结果；办理中如需补充说明，工作人员将通过您留存的联系电话
        {content.contactPhone} 与您联系。
      </p>

      <SignatureAndSeal content={content} applicantLabel="申请人（签字）" />
      <DocFooter content={content} />
    </Sheet>
  );
}
