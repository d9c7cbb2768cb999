/**
 * #/dashboards (supervisor): the quality figures per centre, window, clerk, item or day,
 * filtered by date range, clerk and item. Core computes (core/quality/metrics.ts), this shows:
 * key figures, charts (ECharts) and the full table, exported as CSV or Excel (.xlsx).
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EChartsCoreOption } from 'echarts/core';
import { computeDashboards, DIMENSIONS, metricsTable, metricsToCsv, prepareMetricCases, RATING_LABELS, RATING_LEVELS, type Dimension, type MetricFilters, type MetricRow } from '@core/quality/metrics';
import { useLocale } from '../i18n/useLocale';
import { getHost } from '../platform/host';
import { useQualityData } from './useQualityData';
import { SharingFigures } from '../sharing/SharingFigures'; // 减材料: data sharing figures
import type { QualityData } from './quality-data';
import { FilterSelect, personOptions } from '../ui/FilterSelect';
import { Chart } from '../ui/Chart';
import './dashboards.css';

const pct = (v: number | null): string => (v === null ? '—' : `${(Math.round(v * 1000) / 10).toFixed(1)}%`);
const mins = (s: number | null): string => (s === null ? '—' : (Math.round((s / 60) * 10) / 10).toFixed(1));

export function DashboardsPage() {
  const { t } = useTranslation();
  const { data, error } = useQualityData();
  if (error) return <p className="field-error">{error}</p>;
  if (!data) return <div className="loading">{t('app.loading')}</div>;
  return <Dashboards data={data} />;
}

function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function Dashboards({ data }: { data: QualityData }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [clerk, setClerk] = useState('');
  const [item, setItem] = useState('');
  const [groupBy, setGroupBy] = useState<Dimension>('clerk');
  const dataset = useMemo(() => prepareMetricCases(data.cases), [data]);
  const filters = useMemo<MetricFilters>(() => ({ ...(from ? { from } : {}), ...(to ? { to } : {}), ...(clerk ? { clerkId: clerk } : {}), ...(item ? { itemCode: item } : {}) }), [from, to, clerk, item]);
  const dashboards = useMemo(
    () => computeDashboards(dataset, { dimensions: groupBy === 'day' ? ['day'] : [groupBy, 'day'], filters, trainingScores: data.trainingScores }),
    [dataset, groupBy, filters, data.trainingScores],
  );
  const dash = dashboards[groupBy];
  const total = dash.total;
  const labelOf = (key: string): string | undefined => {
    if (groupBy === 'clerk') return data.clerkNames.get(key);
    if (groupBy === 'centre') return data.centreNames.get(key);
    if (groupBy === 'item') return data.itemNames.get(key);
    return undefined;
  };
  // a name column where keys are codes (clerks, centres, items)
  const named = groupBy === 'clerk' || groupBy === 'centre' || groupBy === 'item';
  const tableOptions = named ? { labelOf } : {};
  const table = useMemo(() => metricsTable(dash, locale, tableOptions), [dash, locale, named]); // eslint-disable-line react-hooks/exhaustive-deps
  const stamp = `${from || 'all'}_${to || 'all'}`;
  const exportCsv = async () => {
    await getHost().saveTextFile({ suggestedName: `onewindow-dashboard-${groupBy}-${stamp}.csv`, text: metricsToCsv(dash, locale, tableOptions), mimeType: 'text/csv;charset=utf-8' });
  };
  const exportXlsx = async () => {
    const { default: writeXlsxFile } = await import('write-excel-file/browser');
    const sheet = [table.header.map((h) => ({ value: h, fontWeight: 'bold' as const })), ...table.rows.map((r) => r.map((v) => (v === null ? null : { value: v })))];
    const blob = await writeXlsxFile(sheet, { sheet: t(`dashboards.dimension.${groupBy}`), stickyRowsCount: 1 }).toBlob();
    download(`onewindow-dashboard-${groupBy}-${stamp}.xlsx`, blob);
  };

  const dayRows = dashboards.day.rows;
  const charts = useMemo(() => chartOptions(dayRows, dash.rows, total, groupBy, labelOf, locale, t), [dayRows, dash, total, groupBy, locale, t]); // eslint-disable-line react-hooks/exhaustive-deps
  const clerks = [...data.clerkNames.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  const items = [...data.itemNames.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  const ratingsTotal = total.rated;

  return (
    <section className="dashboards-page" data-testid="dashboards-page">
      <h1 tabIndex={-1}>{t('dashboards.title')}</h1>
      <p className="muted small">{t('dashboards.intro')}</p>
      <div className="dash-filters" role="group" aria-label="filters">
        <label>
          {t('dashboards.from')} <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="dash-from" />
        </label>
        <label>
          {t('dashboards.to')} <input type="date" value={to} onChange={(e) => setTo(e.target.value)} data-testid="dash-to" />
        </label>
        <FilterSelect label={t('dashboards.clerk')} value={clerk} onChange={setClerk} options={personOptions(clerks)} allLabel={t('dashboards.all')} testId="dash-clerk" />
        <FilterSelect label={t('dashboards.item')} value={item} onChange={setItem} options={items} allLabel={t('dashboards.all')} testId="dash-item" />
        <FilterSelect label={t('dashboards.groupBy')} value={groupBy} onChange={setGroupBy} options={DIMENSIONS.map((d) => [d, t(`dashboards.dimension.${d}`)] as const)} testId="dash-group" />
        <button type="button" className="btn btn-quiet" onClick={() => { setFrom(''); setTo(''); setClerk(''); setItem(''); }}>
          {t('dashboards.reset')}
        </button>
        <span className="dash-export">
          <button type="button" className="btn" onClick={() => void exportCsv()} data-testid="dash-export-csv">
            {t('dashboards.exportCsv')}
          </button>
          <button type="button" className="btn" onClick={() => void exportXlsx()} data-testid="dash-export-xlsx">
            {t('dashboards.exportXlsx')}
          </button>
        </span>
      </div>
      {total.cases === 0 ? (
        <p className="muted" data-testid="dash-empty">{t('dashboards.noData')}</p>
      ) : (
        <>
          <dl className="dash-cards" data-testid="dash-cards">
            <Card id="cases" label={t('dashboards.cases')} value={String(total.cases)} />
            <Card id="oneVisitRate" label={t('dashboards.oneVisitRate')} value={pct(total.oneVisitRate)} sub={`${total.oneVisit}/${total.accepted}`} />
            <Card id="noticeRate" label={t('dashboards.noticeRate')} value={pct(total.noticeRate)} sub={`${total.notices}/${total.cases}`} />
            <Card id="deferredRate" label={t('dashboards.deferredRate')} value={pct(total.deferredRate)} sub={`${total.deferred}/${total.accepted}`} />
            <Card id="overdue" label={t('dashboards.overdue')} value={String(total.overdueSupplements)} />
            <Card id="returnRate" label={t('dashboards.returnRate')} value={pct(total.departmentReturnRate)} sub={`${total.departmentReturns}/${total.dispatched}`} />
            <Card id="refusalRate" label={t('dashboards.refusalRate')} value={pct(total.refusalRate)} sub={`${total.refusals}/${total.cases}`} />
            <Card id="handling" label={t('dashboards.handling')} value={total.handlingMedianSeconds === null ? '—' : t('dashboards.minutes', { n: mins(total.handlingMedianSeconds) })} />
            <Card id="compliance" label={t('dashboards.compliance')} value={pct(total.promisedDateCompliance)} sub={`${total.approvedOnTime}/${total.approved}`} />
            <Card id="training" label={t('dashboards.training')} value={total.trainingAverage === null ? t('dashboards.trainingNone') : (Math.round(total.trainingAverage * 10) / 10).toFixed(1)} sub={total.trainingCount ? String(total.trainingCount) : undefined} />
            <div className="dash-card dash-card-wide" data-card="ratings">
              <dt>{t('dashboards.ratings')}</dt>
              <dd>
                {RATING_LEVELS.map((l) => (
                  <span key={l} className="dash-rating" data-level={l}>
                    {RATING_LABELS[l][locale]} <strong>{total.ratings[l]}</strong>
                  </span>
                ))}
                <span className="muted small"> / {ratingsTotal}</span>
              </dd>
            </div>
          </dl>
          <div className="dash-charts">
            <Chart caption option={charts.cases} label={t('dashboards.chartCases')} testId="dash-chart-cases" />
            <Chart caption option={charts.rates} label={t('dashboards.chartRates')} testId="dash-chart-rates" />
            <Chart caption option={charts.ratings} label={t('dashboards.chartRatings')} testId="dash-chart-ratings" />
          </div>
          <h2>{t('dashboards.tableTitle')}</h2>
          <div className="dash-table-wrap">
            <table className="table dash-table" data-testid="dash-table">
              <thead>
                <tr>
                  {table.header.map((h) => (
                    <th key={h}>{h}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.map((r, i) => (
                  <tr key={i} data-key={i === table.rows.length - 1 ? 'total' : dash.rows[i]?.key} className={i === table.rows.length - 1 ? 'dash-total' : undefined}>
                    {r.map((v, j) => (
                      <td key={j} className={table.kinds[j] === 'text' ? undefined : 'num'} data-col={j}>
                        {v === null ? '—' : typeof v === 'number' ? (table.kinds[j] === 'count' ? String(v) : v.toFixed(1)) : v}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <SharingFigures itemNames={data.itemNames} centreNames={data.centreNames} />
    </section>
  );
}

function Card({ id, label, value, sub }: { id: string; label: string; value: string; sub?: string | undefined }) {
  return (
    <div className="dash-card" data-card={id}>
      <dt>{label}</dt>
      <dd>
        <span className="dash-value" data-testid={`dash-${id}`}>
          {value}
        </span>
        {sub && <span className="muted small"> {sub}</span>}
      </dd>
    </div>
  );
}

function chartOptions(
  dayRows: readonly MetricRow[],
  groupRows: readonly MetricRow[],
  total: MetricRow,
  groupBy: Dimension,
  labelOf: (k: string) => string | undefined,
  locale: 'zh-CN' | 'en-US',
  t: (k: string) => string,
): { cases: EChartsCoreOption; rates: EChartsCoreOption; ratings: EChartsCoreOption } {
  const pctOf = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
  const rateSeries: [string, (r: MetricRow) => number | null][] = [
    [t('dashboards.oneVisitRate'), (r) => r.oneVisitRate],
    [t('dashboards.noticeRate'), (r) => r.noticeRate],
    [t('dashboards.deferredRate'), (r) => r.deferredRate],
    [t('dashboards.returnRate'), (r) => r.departmentReturnRate],
    [t('dashboards.refusalRate'), (r) => r.refusalRate],
    [t('dashboards.compliance'), (r) => r.promisedDateCompliance],
  ];
  const groupNames = groupRows.map((r) => (groupBy === 'item' || groupBy === 'clerk' ? (labelOf(r.key) ?? r.key) : r.key));
  return {
    cases: {
      animation: false,
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 12, top: 16, bottom: 28 },
      xAxis: { type: 'category', data: dayRows.map((r) => r.key) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', name: t('dashboards.cases'), data: dayRows.map((r) => r.cases), itemStyle: { color: '#2f6fb7' } }],
    },
    rates: {
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0, type: 'scroll' },
      grid: { left: 40, right: 12, top: 16, bottom: 56 },
      xAxis: { type: 'category', data: groupNames },
      yAxis: { type: 'value', max: 100 },
      series: rateSeries.map(([name, get]) => ({ type: 'bar', name, data: groupRows.map((r) => pctOf(get(r))) })),
    },
    ratings: {
      animation: false,
      tooltip: { trigger: 'item' },
      legend: { bottom: 0, type: 'scroll' },
      series: [
        {
          type: 'pie',
          radius: ['35%', '65%'],
          center: ['50%', '42%'],
          label: { show: false },
          data: RATING_LEVELS.map((l) => ({ name: RATING_LABELS[l][locale], value: total.ratings[l] })),
          color: ['#1f7a4d', '#5aa469', '#c7b24a', '#d9822b', '#b3261e'],
        },
      ],
    },
  };
}
