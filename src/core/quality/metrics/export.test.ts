import { describe, expect, it } from 'vitest';
import { CASES } from '../../../../test/fixtures/metrics';
import { computeDashboard } from './dashboard';
import { csvField, metricsToCsv } from './export';

describe('metricsToCsv', () => {
  it('writes RFC 4180 CSV with a BOM, localized headers and the total last', () => {
    const csv = metricsToCsv(computeDashboard(CASES, { groupBy: 'clerk' }), 'zh-CN', { labelOf: (k) => ({ C1: '李娜', C2: '王, "芳"' })[k] });
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toHaveLength(6); // header, 3 clerks, total, ''
    expect(lines[0]!.startsWith('窗口人员,名称,办件数,受理数,一次性告知数,不予受理数,一次办成率(%)')).toBe(true);
    expect(lines[0]).toContain('非常满意');
    expect(lines[1]!.startsWith('C1,李娜,3,2,1,0,50.0,')).toBe(true);
    expect(lines[2]!.startsWith('C2,"王, ""芳""",3,2,0,1,100.0,')).toBe(true);
    expect(lines[4]!.startsWith('合计,,7,5,1,1,80.0,14.3,14.3,1,20.0,1,4,2,50.0,10.0,24.0,2,1,50.0,3,1,1,0,1,0,,0')).toBe(true);
    const en = metricsToCsv(computeDashboard(CASES, { groupBy: 'day' }).rows, 'en-US', { groupBy: 'day' });
    expect(en.slice(1).split('\r\n')[0]!.startsWith('Date,Cases,Accepted,One-time notices,Refusals,One-visit rate (%)')).toBe(true);
    expect(metricsToCsv([], 'en-US').slice(1).startsWith('Group,Cases')).toBe(true);
  });

  it('quotes and defuses fields', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@a')).toBe("'@a");
  });
});

// ---- the adapter ----------------------------------------------------------------------------------
