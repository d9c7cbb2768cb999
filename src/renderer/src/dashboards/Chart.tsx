/**
 * ECharts for the dashboards: `echarts/core` with only the bar and pie charts and the
 * components they use, SVG renderer (crisp, small, no canvas fonts). The numbers are always
 * in the table too.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export function DashChart({ option, label, testId }: { option: EChartsCoreOption; label: string; testId?: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!el.current) return;
    chart.current = echarts.init(el.current, undefined, { renderer: 'svg' });
    const ro = typeof ResizeObserver !== 'undefined' ? new ResizeObserver(() => chart.current?.resize()) : null;
    ro?.observe(el.current);
    return () => {
      ro?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);
  return (
    <figure className="dash-chart">
      <figcaption>{label}</figcaption>
      <div ref={el} className="dash-chart-body" role="img" aria-label={label} data-testid={testId} />
    </figure>
  );
}
