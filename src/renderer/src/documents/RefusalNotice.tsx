/**
 * 不予受理通知书 (行政许可法 Art. 32): the reasons, where to apply (not this body's
 * matter), and the applicant's rights to 行政复议 (60 days) and 行政诉讼 (6 months).
 */
import type { RefusalNoticeContent } from '@core/intake/documents';
import { formatDocumentDateTime, itemsLine } from './document-model';
import { DocFooter, DocHeader, KvTable, partyRows, Salutation, Sheet, SignatureAndSeal } from './parts';

export interface RefusalNoticeProps {
  content: RefusalNoticeContent;
}

export function RefusalNotice({ content }: RefusalNoticeProps) {
  const { reason, rights } = content;
  return (
    <Sheet kind="refusal" title={content.title}>
      <DocHeader content={content} />

      <Salutation name={content.applicant.name} />
      <p className="doc-para">{content.statement}</p>

      <KvTable
        testId="document-parties"
        rows={[
          ...partyRows(content.applicant, content.agent),
          [{ label: '申请事项', value: itemsLine(content), wide: true }],
          [
            { label: '申请时间', value: formatDocumentDateTime(content.appliedAt) },
            { label: '决定时间', value: formatDocumentDateTime(content.decidedAt) },
          ],
          [
            { label: '经办人', value: content.clerk.name },
            { label: '窗口', value: `${content.clerk.windowNo}号窗口` },
          ],
        ]}
      />

      <h3 className="doc-section">不予受理的理由</h3>
      <table className="doc-table doc-kv doc-kv-2" data-testid="document-reason">
        <colgroup>
          <col className="doc-kv-label" />
          <col />
        </colgroup>
        <tbody>
          <tr>
            <th scope="row">理由</th>
            <td>{reason.text}</td>
          </tr>
          <tr>
            <th scope="row">依据</th>
            <td>{content.legalBasis}</td>
          </tr>
          {reason.whereToApply && (
            <tr data-testid="document-where-to-apply">
              <th scope="row">请向以下机关申请</th>
              <td className="doc-strong">{reason.whereToApply}</td>
            </tr>
          )}
        </tbody>
      </table>

      <h3 className="doc-section">权利告知</h3>
      <p className="doc-para" data-testid="document-rights">
        {content.rightsText}
      </p>
      <table className="doc-table doc-list" data-testid="document-rights-table">
        <colgroup>
          <col className="doc-col-remedy" />
          <col className="doc-col-term" />
          <col />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">救济途径</th>
            <th scope="col">期限</th>
            <th scope="col">受理机关</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td className="doc-center">行政复议</td>
            <td className="doc-center">自收到本通知书之日起{rights.reconsideration.days}日内</td>
            <td>{rights.reconsideration.body}</td>
          </tr>
          <tr>
            <td className="doc-center">行政诉讼</td>
            <td className="doc-center">自收到本通知书之日起{rights.litigation.months}个月内</td>
            <td>{rights.litigation.court}</td>
          </tr>
        </tbody>
      </table>

      <SignatureAndSeal content={content} applicantLabel="申请人（签收）" />
      <DocFooter content={content} />
    </Sheet>
  );
}
