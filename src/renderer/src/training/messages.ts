/** UI strings of this feature (see i18n/resources.ts). Keep zh-CN and en-US key-for-key. */
export const trainingMessages = {
  'zh-CN': { training: {
      "nav": "培训",
      "title": "培训演练",
      "reservedCode": "PX 为培训专用代码（培训办件编号），请使用其他工作站代码",
      "subtitle": "模拟真实窗口：找事项、核材料、录信息、作决定，逐项评分并引用目录标准讲评",
      "mode": {
        "barTitle": "培训模式",
        "enter": "进入培训模式",
        "enterConfirm": "进入培训模式？\n培训期间使用独立的培训数据库，所有办件均为演练数据（PX 编号），不会报送任何部门；正式办件和草稿保持不变。",
        "leave": "退出培训模式",
        "leaveConfirm": "退出培训模式，回到正式受理？\n培训数据和成绩保留在培训数据库中。",
        "off": "当前为正式受理。",
        "offHint": "演练前请进入培训模式：培训办件与正式数据完全隔离。",
        "on": "培训模式已开启。",
        "onHint": "此处办件均为演练数据，盖有“培训 — 无效”水印，不会报送任何部门。"
      },
      "home": {
        "assigned": "分配给我的演练",
        "allDrills": "全部演练",
        "assignedBadge": "已分配",
        "best": "最好成绩",
        "drill": "演练",
        "level": "难度",
        "myResults": "我的成绩",
        "noResults": "还没有成绩。",
        "open": "查看",
        "readiness": "上岗准备度"
      },
      "readiness": {
        "ready": "可以上岗",
        "notReady": "尚未达到上岗要求",
        "rule": "要求：最近 {{window}} 次演练平均不低于 {{min}} 分，且没有严重错误",
        "average": "最近 {{n}} 次平均 {{average}} 分"
      },
      "drill": {
        "intro": "申请人来到窗口。请像正式受理一样：从办事指南或搜索找到事项，开始受理，逐项核验材料并作出决定。计时从点击“开始”起。",
        "missing": "找不到这个演练场景。",
        "needsMode": "演练只能在培训模式下进行。",
        "otherCatalog": "本场景按目录 {{version}} 编写，当前使用 {{current}}。",
        "par": "标准用时 {{par}}",
        "replaces": "正在进行的演练将被放弃。",
        "startCoached": "开始（带教模式，逐步提示）",
        "startExam": "开始演练（计时考核）"
      },
      "dock": {
        "title": "演练",
        "abandon": "放弃演练",
        "abandonConfirm": "放弃本次演练？不计成绩。",
        "check": "检查到目前为止的步骤",
        "close": "关闭",
        "coached": "带教模式",
        "collapse": "收起",
        "exam": "计时考核",
        "expand": "展开",
        "findItem": "下一步：在办事指南或搜索（/）中找到申请人要办的事项，点击“开始受理”。",
        "finished": "演练完成",
        "finishedHint": "决定已作出，成绩与讲评已生成。可先打印文书（带培训水印），再查看讲评。",
        "intakeStarted": "受理进行中：作出决定后自动评分。",
        "noDraft": "还没有开始受理。",
        "noMistakes": "到目前为止没有发现错误。",
        "openResult": "查看成绩与讲评",
        "par": "标准用时 {{par}}",
        "running": "演练进行中"
      },
      "applicant": {
        "address": "地址",
        "agent": "代办人",
        "circumstances": "特殊情况",
        "documents": "申请人带来的材料",
        "idNumber": "身份证号",
        "legalRep": "法定代表人",
        "name": "姓名",
        "noDocuments": "什么也没带。",
        "organisation": "单位申请人",
        "person": "个人申请人",
        "phone": "联系电话",
        "says": "申请人说",
        "uscc": "统一社会信用代码"
      },
      "docState": {
        "present": "带来了",
        "missing": "没带",
        "defective": "有问题"
      },
      "docForm": {
        "original": "原件",
        "copy": "复印件",
        "electronic": "电子证照"
      },
      "circumstance": {
        "agentWithoutAuthorisation": "代办无委托",
        "dishonest": "信用核查",
        "otherJurisdiction": "属地",
        "asksForDeferral": "要求容缺",
        "usccChecksumFails": "代码校验",
        "expiredIdCard": "证件有效期",
        "urgent": "着急",
        "other": "其他"
      },
      "step": {
        "subject": "事项",
        "answers": "情形",
        "materials": "材料",
        "applicant": "申请人信息",
        "decision": "决定",
        "time": "用时"
      },
      "part": {
        "identification": "事项识别",
        "answers": "情形选择",
        "materials": "材料核验",
        "decision": "受理决定",
        "applicant": "申请人信息",
        "time": "用时",
        "na": "不适用"
      },
      "status": {
        "pending": "未核验",
        "receivedOriginal": "收原件",
        "receivedCopy": "收复印件",
        "deficient": "有缺陷",
        "missing": "缺失",
        "fetched": "数据共享调取"
      },
      "decision": {
        "accept": "受理",
        "oneTimeNotice": "一次性告知",
        "deferral": "容缺受理",
        "refuse": "不予受理"
      },
      "necessity": {
        "required": "必要",
        "optional": "非必要",
        "deferrable": "容缺后补"
      },
      "defect": {
        "expired": "已过有效期",
        "unreadable": "模糊不清",
        "wrongForm": "未用规定格式",
        "unsigned": "缺签名盖章",
        "mismatch": "信息不一致",
        "incomplete": "填写不完整",
        "copyOnly": "仅有复印件",
        "wrongMatter": "事项不符",
        "other": "其他"
      },
      "mistakeKind": {
        "item": "事项选错",
        "handlingItem": "办理项选错",
        "bundle": "一件事选错",
        "bundleItems": "一件事事项",
        "answer": "情形答错",
        "material": "材料判断",
        "decision": "决定错误",
        "noticeList": "告知清单",
        "deferredList": "容缺清单",
        "refusalCode": "不予受理理由",
        "whereToApply": "告知去向",
        "applicantData": "申请人信息",
        "agentData": "代办人信息",
        "usccOverride": "代码核对记录",
        "time": "超时"
      },
      "result": {
        "again": "再练一次",
        "critical": "严重错误",
        "criticalHint": "本次演练出现严重错误：在正式窗口绝不允许发生。请仔细阅读下面的讲评。",
        "debrief": "参考答案与要点",
        "expected": "应为",
        "given": "实际",
        "material": "材料",
        "materials": "逐项材料",
        "mistakes": "错误与讲评（{{count}}）",
        "perfect": "全部正确。",
        "points": "分",
        "score": "得分",
        "trainee": "学员",
        "when": "完成时间"
      },
      "trainer": {
        "open": "培训师工具",
        "title": "培训师工具",
        "tab": {
          "drills": "分配演练",
          "author": "编写场景",
          "packs": "场景包导入导出",
          "reports": "学员报告",
          "changes": "目录变更演练"
        }
      },
      "assign": {
        "badTrainees": "请填写学员工号（字母、数字），多个用逗号分隔",
        "current": "已分配",
        "done": "已将 {{drills}} 个演练分配给 {{trainees}} 名学员",
        "noDrills": "请至少选择一个演练",
        "none": "还没有分配。",
        "note": "备注",
        "pick": "选择演练",
        "remove": "撤销",
        "submit": "分配（{{count}} 个演练）",
        "to": "分配给",
        "trainees": "学员工号"
      },
      "author": {
        "answers": "办理情形（参考答案）",
        "applicant": "模拟申请人",
        "debrief": "讲评要点",
        "decision": "正确决定",
        "defect": "缺陷",
        "documents": "申请人带来的材料（按清单逐项）",
        "handlingItem": "业务办理项",
        "id": "场景编号",
        "item": "事项",
        "level": "难度",
        "note": "说明（学员可见）",
        "packTitle": "{{name}} 编写的场景",
        "preview": "预览：学员看到的申请人",
        "previewWaiting": "填写完整且通过校验后显示预览。",
        "save": "校验并保存",
        "saved": "已保存场景“{{title}}”",
        "scenario": "场景",
        "title": "标题",
        "whereToApply": "应告知的受理机关",
        "doc": {
          "original": "带来原件",
          "copy": "带来复印件",
          "missing": "没带",
          "defective": "带来但有问题",
          "none": "未带（可共享调取/非必要）"
        }
      },
      "packs": {
        "chooseFile": "选择 JSON 文件…",
        "count": "{{count}} 个场景",
        "delete": "删除",
        "deleteConfirm": "删除这个场景包？",
        "export": "导出",
        "import": "导入场景包",
        "importHint": "导入时按当前目录（{{version}}）逐项校验：事项、情形、材料状态和决定必须与受理规则一致。",
        "imported": "已导入“{{title}}”（{{count}} 个场景）",
        "invalid": "场景包有 {{count}} 处问题，未导入：",
        "list": "本机的场景包",
        "orUpload": "或上传…",
        "source": {
          "bundled": "随软件提供",
          "file": "导入",
          "authored": "本机编写",
          "whatChanged": "目录变更生成"
        }
      },
      "reports": {
        "all": "全部",
        "average": "平均分",
        "common": "最常见的错误",
        "criticalDrills": "严重错误次数",
        "drill": "演练",
        "drills": "次数",
        "loadCentre": "读取本中心全部学员成绩",
        "loaded": "已从服务器读取 {{count}} 条成绩",
        "localOnly": "本机 {{count}} 条成绩",
        "none": "还没有成绩。",
        "notConfigured": "未配置服务器：只显示本机成绩",
        "overTime": "成绩变化",
        "perDrill": "按演练",
        "readiness": "上岗准备度",
        "trainee": "学员"
      },
      "changes": {
        "assign": "去分配",
        "between": "比较目录 {{from}} → {{to}}：材料发生变化的事项如下。",
        "create": "生成 {{count}} 个变更演练",
        "created": "已生成 {{count}} 个演练。",
        "needTwo": "本机只有一个目录版本：导入新版本目录后可生成变更演练。",
        "noneChanged": "两个版本之间没有事项的材料发生变化。",
        "packTitle": "目录变更演练 {{from}} → {{to}}",
        "skipped": "{{count}} 个事项无法生成演练"
      }
    } },
  'en-US': { training: {
      "nav": "Training",
      "title": "Training drills",
      "reservedCode": "PX is reserved for training case numbers; choose another workstation code",
      "subtitle": "A simulated window: find the item, check materials, enter the applicant, decide — scored, with the catalog’s standards cited",
      "mode": {
        "barTitle": "TRAINING MODE",
        "enter": "Enter training mode",
        "enterConfirm": "Enter training mode?\nA separate training database is used; every case is practice data (PX numbers) and is never sent to a department. Live cases and drafts stay untouched.",
        "leave": "Leave training mode",
        "leaveConfirm": "Leave training mode and return to live intake?\nTraining data and results stay in the training database.",
        "off": "Live intake.",
        "offHint": "Enter training mode to drill: practice cases are kept apart from live data.",
        "on": "Training mode is on.",
        "onHint": "Every case here is practice data, watermarked TRAINING — NOT VALID, never sent to a department."
      },
      "home": {
        "assigned": "Drills assigned to me",
        "allDrills": "All drills",
        "assignedBadge": "assigned",
        "best": "Best",
        "drill": "Drill",
        "level": "Level",
        "myResults": "My results",
        "noResults": "No results yet.",
        "open": "Open",
        "readiness": "Readiness for live work"
      },
      "readiness": {
        "ready": "Ready for live work",
        "notReady": "Not ready yet",
        "rule": "Rule: the last {{window}} drills average at least {{min}}, with no critical mistake",
        "average": "Last {{n}}: average {{average}}"
      },
      "drill": {
        "intro": "The applicant comes to the window. Work as at the live window: find the item in the guide or search, start the intake, check each material and decide. The timer starts when you press Start.",
        "missing": "This drill scenario is not on this workstation.",
        "needsMode": "Drills run in training mode only.",
        "otherCatalog": "Written for catalog {{version}}; {{current}} is in use.",
        "par": "par {{par}}",
        "replaces": "The drill in progress will be abandoned.",
        "startCoached": "Start coached (step-by-step feedback)",
        "startExam": "Start drill (timed)"
      },
      "dock": {
        "title": "Drill",
        "abandon": "Abandon",
        "abandonConfirm": "Abandon this drill? It is not scored.",
        "check": "Check my steps so far",
        "close": "Close",
        "coached": "Coached",
        "collapse": "Hide",
        "exam": "Timed drill",
        "expand": "Show",
        "findItem": "Next: find the item in the guide or search (/) and press Start intake.",
        "finished": "Drill finished",
        "finishedHint": "The decision is made and scored. Print the document (watermarked) if you like, then read the feedback.",
        "intakeStarted": "Intake in progress: it is scored when you decide.",
        "noDraft": "No intake started yet.",
        "noMistakes": "No mistakes so far.",
        "openResult": "See score and feedback",
        "par": "par {{par}}",
        "running": "Drill in progress"
      },
      "applicant": {
        "address": "Address",
        "agent": "Agent",
        "circumstances": "Circumstances",
        "documents": "What the applicant brings",
        "idNumber": "ID number",
        "legalRep": "Legal representative",
        "name": "Name",
        "noDocuments": "Nothing.",
        "organisation": "Organisation",
        "person": "Person",
        "phone": "Phone",
        "says": "The applicant says",
        "uscc": "USCC"
      },
      "docState": {
        "present": "brought",
        "missing": "not brought",
        "defective": "defective"
      },
      "docForm": {
        "original": "original",
        "copy": "copy",
        "electronic": "electronic"
      },
      "circumstance": {
        "agentWithoutAuthorisation": "agent, no authorisation",
        "dishonest": "credit check",
        "otherJurisdiction": "jurisdiction",
        "asksForDeferral": "asks for 容缺",
        "usccChecksumFails": "USCC checksum",
        "expiredIdCard": "ID validity",
        "urgent": "in a hurry",
        "other": "other"
      },
      "step": {
        "subject": "Item",
        "answers": "Situation",
        "materials": "Materials",
        "applicant": "Applicant data",
        "decision": "Decision",
        "time": "Time"
      },
      "part": {
        "identification": "Item identification",
        "answers": "Situation answers",
        "materials": "Materials",
        "decision": "Decision",
        "applicant": "Applicant data",
        "time": "Time",
        "na": "n/a"
      },
      "status": {
        "pending": "not checked",
        "receivedOriginal": "original received",
        "receivedCopy": "copy received",
        "deficient": "deficient",
        "missing": "missing",
        "fetched": "fetched by data sharing"
      },
      "decision": {
        "accept": "Accept",
        "oneTimeNotice": "One-time notice",
        "deferral": "Accept with 容缺",
        "refuse": "Refuse"
      },
      "necessity": {
        "required": "required",
        "optional": "optional",
        "deferrable": "deferrable"
      },
      "defect": {
        "expired": "expired",
        "unreadable": "unreadable",
        "wrongForm": "wrong form",
        "unsigned": "unsigned",
        "mismatch": "mismatch",
        "incomplete": "incomplete",
        "copyOnly": "copy only",
        "wrongMatter": "wrong matter",
        "other": "other"
      },
      "mistakeKind": {
        "item": "wrong item",
        "handlingItem": "wrong handling item",
        "bundle": "wrong bundle",
        "bundleItems": "bundle items",
        "answer": "situation answer",
        "material": "material",
        "decision": "decision",
        "noticeList": "notice list",
        "deferredList": "deferred list",
        "refusalCode": "refusal reason",
        "whereToApply": "where to apply",
        "applicantData": "applicant data",
        "agentData": "agent data",
        "usccOverride": "USCC override",
        "time": "over time"
      },
      "result": {
        "again": "Drill again",
        "critical": "critical",
        "criticalHint": "This drill has a critical mistake — one that must never happen at a live window. Read the feedback below.",
        "debrief": "Model answer",
        "expected": "expected",
        "given": "given",
        "material": "Material",
        "materials": "Material by material",
        "mistakes": "Mistakes and feedback ({{count}})",
        "perfect": "All correct.",
        "points": "points",
        "score": "Score",
        "trainee": "Trainee",
        "when": "Finished"
      },
      "trainer": {
        "open": "Trainer tools",
        "title": "Trainer tools",
        "tab": {
          "drills": "Assign drills",
          "author": "Author a scenario",
          "packs": "Scenario packs",
          "reports": "Reports",
          "changes": "What changed"
        }
      },
      "assign": {
        "badTrainees": "Enter trainees’ IDs (letters, digits), separated by commas",
        "current": "Assigned",
        "done": "{{drills}} drills assigned to {{trainees}} trainees",
        "noDrills": "Pick at least one drill",
        "none": "Nothing assigned yet.",
        "note": "Note",
        "pick": "Pick drills",
        "remove": "Remove",
        "submit": "Assign ({{count}} drills)",
        "to": "Assign to",
        "trainees": "Trainee IDs"
      },
      "author": {
        "answers": "Situation answers (expected)",
        "applicant": "Simulated applicant",
        "debrief": "Debrief",
        "decision": "Expected decision",
        "defect": "Defect",
        "documents": "What the applicant brings (per checklist line)",
        "handlingItem": "Handling item",
        "id": "Scenario id",
        "item": "Item",
        "level": "Level",
        "note": "Note (trainee sees it)",
        "packTitle": "Scenarios by {{name}}",
        "preview": "Preview: what the trainee sees",
        "previewWaiting": "The preview shows once the scenario is complete and valid.",
        "save": "Check and save",
        "saved": "Saved “{{title}}”",
        "scenario": "Scenario",
        "title": "Title",
        "whereToApply": "Where to apply",
        "doc": {
          "original": "original brought",
          "copy": "copy brought",
          "missing": "not brought",
          "defective": "brought, defective",
          "none": "not brought (fetchable / optional)"
        }
      },
      "packs": {
        "chooseFile": "Choose a JSON file…",
        "count": "{{count}} scenarios",
        "delete": "Delete",
        "deleteConfirm": "Delete this pack?",
        "export": "Export",
        "import": "Import a scenario pack",
        "importHint": "Each scenario is checked against the catalog in use ({{version}}): items, answers, material states and the decision must follow the intake rules.",
        "imported": "Imported “{{title}}” ({{count}} scenarios)",
        "invalid": "The pack has {{count}} problems and was not imported:",
        "list": "Packs on this workstation",
        "orUpload": "or upload…",
        "source": {
          "bundled": "shipped",
          "file": "imported",
          "authored": "authored here",
          "whatChanged": "generated after a catalog update"
        }
      },
      "reports": {
        "all": "All",
        "average": "Average",
        "common": "Most common mistakes",
        "criticalDrills": "Drills with a critical mistake",
        "drill": "Drill",
        "drills": "Drills",
        "loadCentre": "Load every trainee of the centre",
        "loaded": "{{count}} results loaded from the server",
        "localOnly": "{{count}} results on this workstation",
        "none": "No results yet.",
        "notConfigured": "No server configured: this workstation’s results only",
        "overTime": "Scores over time",
        "perDrill": "Per drill",
        "readiness": "Readiness",
        "trainee": "Trainee"
      },
      "changes": {
        "assign": "Assign them",
        "between": "Catalog {{from}} → {{to}}: the items whose materials changed.",
        "create": "Create {{count}} what-changed drills",
        "created": "{{count}} drills created.",
        "needTwo": "Only one catalog version here: import a newer catalog to generate what-changed drills.",
        "noneChanged": "No item’s materials changed between the two versions.",
        "packTitle": "What changed {{from}} → {{to}}",
        "skipped": "{{count}} items got no drill"
      }
    } },
};
