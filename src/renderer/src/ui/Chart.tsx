/**
 * ECharts for the dashboards and the trainer's reports: `echarts/core` with only the charts
 * and components they use, SVG renderer (crisp, small, no canvas fonts). One component, an
 * option in; where a caption is given it is a figure with that caption.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, SVGRenderer]);

export function Chart({ option, label, testId, caption = false, className = 'dash-chart-body' }: { option: EChartsCoreOption; label: string; testId?: string; caption?: boolean; className?: string }) {
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
  const body = <div ref={el} className={className} role="img" aria-label={label} data-testid={testId} />;
  if (!caption) return body;
  return (
    <figure className="dash-chart">
      <figcaption>{label}</figcaption>
      {body}
    </figure>
  );
}
