import { describe, expect, it } from 'vitest';
import type { Department } from '@core/catalog/schema';
import { departmentName, departmentNames } from './department-name';

const departments = new Map<string, Department>([
  ['GAJ', { code: 'GAJ', name: '示例市公安局', nameEn: 'Municipal Public Security Bureau' } as Department],
  ['RSJ', { code: 'RSJ', name: '示例市人力资源和社会保障局' } as Department],
]);

describe('department names where codes were shown', () => {
  it('names a department from the catalog, in English where the catalog has it', () => {
    expect(departmentName(departments, 'GAJ', 'zh-CN')).toBe('示例市公安局');
    expect(departmentName(departments, 'GAJ', 'en-US')).toBe('Municipal Public Security Bureau');
    expect(departmentName(departments, 'RSJ', 'en-US')).toBe('示例市人力资源和社会保障局');
  });

  it('never shows the code, even for a department the catalog no longer has', () => {
    expect(departmentName(departments, 'XYZ', 'zh-CN')).toBe('现行目录外的部门');
    expect(departmentName(departments, 'XYZ', 'en-US')).not.toContain('XYZ');
  });

  it('lists several, each once', () => {
    expect(departmentNames(departments, ['GAJ', 'RSJ', 'GAJ'], 'zh-CN')).toBe('示例市公安局、示例市人力资源和社会保障局');
    expect(departmentNames(departments, ['GAJ', 'RSJ'], 'en-US')).toBe('Municipal Public Security Bureau, 示例市人力资源和社会保障局');
  });
});
