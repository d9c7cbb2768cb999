/**
 * UI strings of the national implementation-list import and of what the guide shows from it
 * (see i18n/resources.ts). Keep zh-CN and en-US key-for-key.
 */
const zh = {
  national: {
    report: {
      title: '国家标准格式实施清单导入报告',
      counts: '读取实施清单 {{implementations}} 条，导入事项 {{items}} 个（基本编码 {{basicCodes}} 个），申请材料 {{materials}} 份。',
      bookkeeping: '数据交换元数据字段 {{count}} 个（批次号、同步时间等，不属于目录内容）。',
      clean: '导出文件的全部内容均已放入目录，没有遗漏。',
      unplaced: '目录中没有对应位置的源字段（{{count}} 个）',
      unknownCodes: '不在标准代码集中的代码值（{{count}} 个）',
      problems: '未能转换的记录（{{count}} 条）',
      path: '位置',
      value: '值',
      lost: '导出文件中有内容无法放入目录（见上方报告）。为避免静默丢失，本次未导入；请修正导出文件后重新导入。',
    },
    guide: {
      implementationCode: '实施编码',
      level: '行使层级',
      levels: { national: '国家级', provincial: '省级', municipal: '市级', county: '县级', township: '乡镇（街道）级', village: '村（社区）级' },
      implementations: '实施部门',
      implementationsHint: '本事项由多个部门实施，请按申请人要办理的部门选择：',
      thisOne: '当前',
      specialProcedures: '特别程序（所需时间不计入办理时限）',
      limitExplanation: '时限说明',
      originalCount: '原件 {{count}} 份',
      copyCount: '复印件 {{count}} 份',
      signing: '签字盖章要求',
      signingKinds: { signature: '签字', fingerprint: '按手印', officialSeal: '加盖公章', copyCertified: '复印件加盖“与原件无异”章' },
      sourceNote: '来源说明',
      faqs: '常见问题',
    },
  },
};

const en: typeof zh = {
  national: {
    report: {
      title: 'National-format implementation list: import report',
      counts: 'Read {{implementations}} implementation records; took in {{items}} items ({{basicCodes}} basic codes) and {{materials}} materials.',
      bookkeeping: '{{count}} exchange metadata fields (batch number, sync time …; not catalog content).',
      clean: 'Everything in the export went into the catalog; nothing was left out.',
      unplaced: 'Source fields with no place in the catalog ({{count}})',
      unknownCodes: 'Code values outside the standard code sets ({{count}})',
      problems: 'Records that could not be converted ({{count}})',
      path: 'Where',
      value: 'Value',
      lost: 'Some of the export has no place in the catalog (see the report above). So that nothing is lost silently, it was not imported; fix the export and import it again.',
    },
    guide: {
      implementationCode: 'Implementation code',
      level: 'Level',
      levels: { national: 'National', provincial: 'Provincial', municipal: 'Municipal', county: 'County', township: 'Township (subdistrict)', village: 'Village (community)' },
      implementations: 'Implementing departments',
      implementationsHint: 'Several departments implement this item; pick the one the applicant applies to:',
      thisOne: 'this one',
      specialProcedures: 'Special procedures (their time is not counted in the limits)',
      limitExplanation: 'About the limits',
      originalCount: '{{count}} original(s)',
      copyCount: '{{count}} copy(ies)',
      signing: 'Signing and sealing',
      signingKinds: { signature: 'signature', fingerprint: 'fingerprint', officialSeal: 'official seal', copyCertified: 'copies stamped “true copy of the original”' },
      sourceNote: 'Source note',
      faqs: 'Frequently asked questions',
    },
  },
};

export const nationalMessages = { 'zh-CN': zh, 'en-US': en };
