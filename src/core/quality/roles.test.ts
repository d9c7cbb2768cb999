import { describe, expect, it } from 'vitest';
import { can, PERMISSIONS, Role } from './roles';

describe('role permissions', () => {
  it('a clerk takes in cases but cannot open the supervisor views or settings', () => {
    expect(can('clerk', 'intake')).toBe(true);
    for (const p of ['reviewCases', 'dashboards', 'workstationHealth', 'auditLog', 'manageUsers', 'settings', 'catalogAdmin', 'trainingAuthor'] as const) {
      expect(can('clerk', p), p).toBe(false);
    }
  });
  it('a trainer authors drills but never takes in live cases or sees full ID numbers', () => {
    expect(can('trainer', 'trainingAuthor')).toBe(true);
    expect(can('trainer', 'intake')).toBe(false);
    expect(can('trainer', 'unmaskedIdentity')).toBe(false);
  });
  it('every permission names only known roles and at least one', () => {
    for (const [p, roles] of Object.entries(PERMISSIONS)) {
      expect(roles.length, p).toBeGreaterThan(0);
      for (const r of roles) expect(Role.options).toContain(r);
    }
  });
});
