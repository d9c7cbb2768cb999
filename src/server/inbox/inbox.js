// 部门收件箱: the department's queue, claim, view, decide — over /api/v1 with the session of the
// officer signed in (工号 + 密码), so every claim and decision is theirs by name.
// Plain browser JavaScript, no dependencies. The page's CSP allows only this file as script, so
// the DOM is built with createElement/textContent (never from HTML strings).
'use strict';

(() => {
  const API = '/api/v1';
  const { KEY_TOKEN, $, h } = window.OneWindowInboxDom; // dom.js
  const PAGE = 50;

  const FILTERS = [
    ['', '未办结'],
    ['queued', '待认领'],
    ['claimed', '已认领'],
    ['inReview', '审查中'],
    ['correctionRequested', '待补正'],
    ['approved', '已办结'],
    ['denied', '不予许可'],
    ['returned', '已退件'],
  ];
  const STATE_LABEL = Object.fromEntries(FILTERS.filter((f) => f[0]));
  const DECISION_LABEL = {
    takenForReview: '受理确认',
    correctionRequested: '补正（告知申请人补正材料）',
    approved: '办结（准予许可，结果可领取）',
    denied: '不予许可（须写明理由）',
    returned: '退件（须写明理由）',
  };
  const MATERIAL_STATUS = { receivedOriginal: '原件', receivedCopy: '复印件', fetched: '数据共享调取（免提交）' };
  const MATERIAL_TYPE = { original: '原件', copy: '复印件', originalOrCopy: '原件或复印件' };
  const ROLE = { implementing: '实施主体', coHandling: '联办' };
  const ERROR_TEXT = {
    leased: '该件已被他人认领，租约尚未到期。',
    notClaimable: '该件当前状态不能认领。',
    notClaimed: '请先认领该件，再作决定。',
    final: '该件已办结、不予许可或退件，不能再作决定。',
    notAllowed: '当前状态下不能作出该决定。',
    leaseHeldByOther: '该件由其他经办人认领中，租约到期前不能由您决定。',
    rateLimited: '请求过于频繁，请稍后再试。',
    notFound: '找不到该件（或不属于本部门）。',
    forbidden: '该账号不能进行此操作。',
    signInFailed: '工号或密码不正确。',
    accountDisabled: '该账号已停用，请联系中心管理员。',
    otherDepartment: '该件属于其他部门。',
    unknownCorrectionPoint: '勾选的字段或材料不属于该件（办件可能已修改），请刷新后重新勾选。',
  };
  // 补正 checklist groups (the service's correction points, by section)
  const POINT_SECTION = [
    ['applicant', '申请人'],
    ['agent', '代理人'],
    ['itemField', '事项信息'],
    ['material', '材料'],
  ];



  const timeFormat = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
  const fmtTime = (iso) => (iso ? timeFormat.format(new Date(iso)) : '—');

  let token = sessionStorage.getItem(KEY_TOKEN) || '';
  let filter = '';
  let dispatches = [];
  let nextAfter = 0;
  let selected = null; // DispatchView

  class ApiFailure extends Error {
    constructor(status, code, message, paths) {
      super(message);
      this.status = status;
      this.code = code;
      this.paths = paths || [];
    }
  }

  async function api(method, path, body) {
    const headers = token ? { Authorization: `Bearer ${token}` } : {};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let res;
    try {
      res = await fetch(API + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'omit', cache: 'no-store' });
    } catch {
      throw new ApiFailure(0, 'network', '无法连接服务器，请检查网络。');
    }
    if (res.status === 204) return null;
    let data = null;
    try {
      data = await res.json();
    } catch {
      data = null;
    }
    if (res.ok) return data;
    const err = (data && data.error) || {};
    if (res.status === 401 && token) {
      const why = err.code === 'sessionExpired' ? '登录已过期，请重新登录。' : '登录已失效（已退出或被管理员收回），请重新登录。';
      signOut(why);
      throw new ApiFailure(401, err.code, why);
    }
    const paths = err.paths || [];
    let text = ERROR_TEXT[err.code] || err.message || `服务器返回 ${res.status}`;
    if (err.code === 'lockedOut') {
      const minutes = Math.max(1, Math.ceil(Number(res.headers.get('Retry-After') || '60') / 60));
      text = `密码连续输错次数过多，账号已锁定，请 ${minutes} 分钟后再试，或请中心管理员重置密码。`;
    }
    if (err.code === 'invalidBody') text = `填写有误（${paths.join('、') || '请检查'}）：${err.message || ''}`;
    throw new ApiFailure(res.status, err.code, text, paths);
  }

  function show(el, on) {
    el.hidden = !on;
  }

  function notice(text) {
    const n = $('notice');
    n.textContent = text;
    show(n, Boolean(text));
  }

  // ---- sign in / out -----------------------------------------------------------------

  function signOut(message) {
    token = '';
    sessionStorage.removeItem(KEY_TOKEN);
    show($('inbox'), false);
    show($('who'), false);
    show($('sign-in'), true);
    const e = $('sign-in-error');
    e.textContent = message || '';
    show(e, Boolean(message));
    $('password').value = '';
    ($('staff-no').value ? $('password') : $('staff-no')).focus();
  }

  async function enter() {
    const me = await api('GET', '/me');
    if (!me || me.kind !== 'department' || !me.officer) {
      signOut('请用经办人工号和密码登录。');
      return;
    }
    $('who-name').textContent = `${me.officer.name}（工号 ${me.officer.staffNo}）`;
    $('who-worker').textContent = me.name;
    show($('who'), true);
    show($('sign-in'), false);
    show($('inbox'), true);
    await loadList(true);
  }

  $('sign-in-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const staffNo = $('staff-no').value.trim();
    const password = $('password').value;
    const e = $('sign-in-error');
    if (!staffNo || !password) {
      e.textContent = !staffNo ? '请输入工号。' : '请输入密码。';
      show(e, true);
      (!staffNo ? $('staff-no') : $('password')).focus();
      return;
    }
    try {
      const r = await api('POST', '/officer/sign-in', { staffNo, password });
      token = r.token;
      sessionStorage.setItem(KEY_TOKEN, token);
      await enter();
    } catch (err) {
      // the 工号 stays as typed; only the password is cleared
      $('password').value = '';
      e.textContent = err.message;
      show(e, true);
      $('password').focus();
    }
  });
  $('sign-out').addEventListener('click', async () => {
    try {
      await api('POST', '/officer/sign-out', {});
    } catch {
      // the session is dropped here whatever the server says; it also expires on its own
    }
    signOut('');
  });

  // ---- the list ----------------------------------------------------------------------

  function renderFilters() {
    const nav = $('filters');
    nav.replaceChildren(
      ...FILTERS.map(([value, label]) => {
        const b = h('button', { type: 'button', textContent: label });
        b.setAttribute('aria-pressed', String(value === filter));
        b.addEventListener('click', () => {
          filter = value;
          renderFilters();
          void loadList(true).catch(showError);
        });
        return b;
      }),
    );
  }

  // The item's name as the published catalog has it (the service sends it with the dispatch),
  // never the name written into the case; the code when an old dispatch has none.
  function itemName(d, basicCode) {
    const i = d.basicCodes.indexOf(basicCode);
    return (d.itemNames && i >= 0 && d.itemNames[i]) || basicCode;
  }

  function applicantName(c) {
    return (c.applicant && c.applicant.name) || '—';
  }

  function stateBadge(state) {
    return h('span', { className: `state state-${state}`, textContent: STATE_LABEL[state] || state });
  }

  function leaseExpired(d) {
    return d.state === 'claimed' && d.leaseUntil && new Date(d.leaseUntil).getTime() <= Date.now();
  }

  function renderList() {
    const tbody = $('rows');
    tbody.replaceChildren(
      ...dispatches.map((d) => {
        const open = h('button', { type: 'button', textContent: '查看' });
        open.addEventListener('click', () => select(d.dispatchId));
        const tr = h(
          'tr',
          { className: selected && selected.dispatchId === d.dispatchId ? 'selected' : '' },
          h('td', { className: 'mono' }, d.caseNumber),
          h('td', {}, applicantName(d.case)),
          h('td', {}, d.basicCodes.map((code, i) => h('div', {}, `${itemName(d, code)}（${ROLE[d.roles[i]] || d.roles[i]}）`))),
          h('td', {}, stateBadge(d.state), leaseExpired(d) ? h('div', { className: 'muted', textContent: '租约已到期' }) : null),
          h('td', {}, fmtTime(d.queuedAt)),
          h('td', {}, open),
        );
        return tr;
      }),
    );
    show($('empty'), dispatches.length === 0);
    show($('more'), nextAfter > 0 && dispatches.length > 0 && dispatches.length % PAGE === 0);
  }

  async function loadList(reset) {
    if (reset) {
      dispatches = [];
      nextAfter = 0;
    }
    const q = new URLSearchParams({ limit: String(PAGE), after: String(nextAfter) });
    if (filter) q.set('state', filter);
    const page = await api('GET', `/department/queue?${q}`);
    dispatches = reset ? page.dispatches : dispatches.concat(page.dispatches);
    nextAfter = page.nextAfter;
    renderList();
  }

  $('refresh').addEventListener('click', () => {
    notice('');
    void refreshAll().catch(showError);
  });
  $('more').addEventListener('click', () => void loadList(false).catch(showError));

  $('claim-next').addEventListener('click', async () => {
    try {
      const r = await api('POST', '/department/dispatches/claim-next');
      if (!r) {
        notice('没有待认领的办件。');
        return;
      }
      notice(`已认领 ${r.dispatch.caseNumber}。`);
      selected = r.dispatch;
      await loadList(true);
      renderDetail();
    } catch (e) {
      showError(e);
    }
  });

  function showError(e) {
    if (e && e.status === 401) return;
    notice(e && e.message ? e.message : String(e));
  }

  // ---- the case ----------------------------------------------------------------------

  // The case's versions after 补正 (GET …/revisions): the latest diff is shown field by field.
  let revisions = null;
  async function loadRevisions(caseId) {
    try {
      const r = await api('GET', `/department/cases/${caseId}/revisions`);
      revisions = r && r.caseId === caseId ? r : null;
    } catch {
      revisions = null;
    }
  }

  function zh(v) {
    return v ? v['zh-CN'] : '（空）';
  }

  function renderRevision() {
    const box = $('d-revision');
    const r = selected && revisions && revisions.caseId === selected.caseId ? revisions : null;
    const last = r && r.diffs.length ? r.diffs[r.diffs.length - 1] : null;
    if (!last) {
      box.replaceChildren();
      show(box, false);
      return;
    }
    const v = r.versions[r.versions.length - 1];
    box.replaceChildren(
      h('h3', { textContent: `补正修订：第${last.toRevision}版（${fmtTime(v.receivedAt)} 收到，修改 ${last.changes.length} 处）` }),
      v.reply ? h('p', { className: 'reply', id: 'd-reply' }, h('strong', { textContent: '窗口答复：' }), v.reply) : null,
      last.changes.length === 0
        ? h('p', { className: 'muted', textContent: '本版未修改办件内容。' })
        : h(
        'table',
        { className: 'diff' },
        h('thead', {}, h('tr', {}, h('th', { textContent: '字段' }), h('th', { textContent: '修改前' }), h('th', { textContent: '修改后' }))),
        h(
          'tbody',
          {},
          ...last.changes.map((ch) =>
            h(
              'tr',
              { dataset: { path: ch.path } },
              h('td', { textContent: zh(ch.label) }),
              h('td', {}, h('del', { textContent: zh(ch.before) })),
              h('td', {}, h('ins', { textContent: zh(ch.after) })),
            ),
          ),
        ),
      ),
    );
    show(box, true);
  }

  async function select(dispatchId) {
    const d = dispatches.find((x) => x.dispatchId === dispatchId);
    if (!d) return;
    try {
      const r = await api('GET', `/department/cases/${d.caseId}`);
      selected = r.dispatch;
    } catch (e) {
      showError(e);
      selected = d;
    }
    await Promise.all([loadRevisions(d.caseId), loadPoints(d.caseId)]);
    renderList();
    renderDetail();
  }

  function fact(label, ...value) {
    return [h('dt', { textContent: label }), h('dd', {}, ...value)];
  }

  function personFacts(c) {
    const a = c.applicant || {};
    const out = [];
    if (a.kind === 'organisation') {
      out.push(...fact('申请单位', a.name || '—'));
      out.push(...fact('统一社会信用代码', h('span', { className: 'mono', textContent: a.uscc || '—' })));
      out.push(...fact('法定代表人', a.legalRepresentative || '—'));
    } else {
      out.push(...fact('申请人', a.name || '—'));
      const idType = a.idType === 'residentId' ? '居民身份证' : a.idTypeLabel || '其他证件';
      out.push(...fact(idType, h('span', { className: 'mono', textContent: a.idNumber || '—' })));
    }
    out.push(...fact('联系电话', a.phone || '—'));
    if (a.address) out.push(...fact('地址', a.address));
    const g = c.agent;
    if (g) out.push(...fact('代理人', `${g.name || ''}${g.relation ? `（${g.relation}）` : ''}　${g.phone || ''}`));
    return out;
  }

  function renderDetail() {
    const box = $('detail');
    if (!selected) {
      show(box, false);
      return;
    }
    show(box, true);
    const d = selected;
    renderRevision();
    const latest = revisions && revisions.caseId === d.caseId && revisions.versions.length ? revisions.versions[revisions.versions.length - 1].case : null;
    const c = latest || d.case;
    const dec = c.decision && c.decision.kind === 'accept' ? c.decision : null;
    $('d-title').textContent = `办件 ${d.caseNumber}`;
    const mine = new Set(d.basicCodes);
    const promised = dec ? dec.promisedDates.filter((p) => mine.has(p.basicCode)) : [];
    $('d-facts').replaceChildren(
      ...fact('状态', stateBadge(d.state), d.leaseOwner && d.state === 'claimed' ? `　${d.leaseOwner} 认领，至 ${fmtTime(d.leaseUntil)}` : ''),
      ...fact('本部门职责', ...d.basicCodes.map((code, i) => h('div', {}, `${itemName(d, code)} `, h('span', { className: 'mono muted', textContent: code }), `（${ROLE[d.roles[i]] || d.roles[i]}）`))),
      ...personFacts(c),
      ...fact('受理窗口', `${c.clerk.centreName} ${c.clerk.windowNo} 号窗口　${c.clerk.name}`),
      ...fact('受理时间', dec ? fmtTime(dec.at) : '—'),
      ...fact('承诺办结', ...(promised.length ? promised.map((p) => h('div', {}, `${itemName(d, p.basicCode)}：${p.date}${p.provisional ? '（暂定）' : ''}`)) : ['—'])),
      ...fact('转办时间', fmtTime(d.queuedAt)),
      ...(d.decidedAt ? fact('最近决定', fmtTime(d.decidedAt)) : []),
    );
    const received = dec ? dec.received : [];
    $('d-materials').replaceChildren(
      ...(received.length
        ? received.map((m) =>
            h(
              'tr',
              {},
              h('td', {}, m.name, m.itemCodes.some((code) => mine.has(code)) ? '' : h('span', { className: 'muted', textContent: '（其他部门事项）' })),
              h('td', {}, `${MATERIAL_STATUS[m.status] || m.status}${m.status === 'fetched' ? '' : `（要求：${MATERIAL_TYPE[m.type] || m.type}）`}`),
              h('td', {}, String(m.copies)),
            ),
          )
        : [h('tr', {}, h('td', { colSpan: 3, className: 'muted', textContent: '无' }))]),
    );

    if (window.oneWindowLicences) void window.oneWindowLicences.show(d); // fetched licences, 办结 → licence (licences.js)

    if (window.OneWindowInboxPages) window.OneWindowInboxPages.show(d, c); // 电子材料 (pages.js)
    const actions = $('d-actions');
    actions.replaceChildren();
    if (d.state === 'queued' || leaseExpired(d)) {
      const b = h('button', { type: 'button', className: 'primary', textContent: '认领' });
      b.addEventListener('click', () => void claim(d.dispatchId));
      actions.append(b);
    }
    renderDecisionForm(d);
  }

  async function claim(dispatchId) {
    try {
      const r = await api('POST', `/department/dispatches/${dispatchId}/claim`);
      selected = r.dispatch;
      notice(`已认领 ${r.dispatch.caseNumber}。`);
      await loadList(true);
      renderDetail();
    } catch (e) {
      showError(e);
      await refreshAll().catch(() => {});
    }
  }

  // ---- the decision --------------------------------------------------------------------

  // 补正: the officer ticks the case's own fields and materials by name (GET …/correction-points)
  // and writes a comment for each; the service checks that every point belongs to the case.
  let points = null; // { caseId, points: [{ path, section, label }] }
  async function loadPoints(caseId) {
    try {
      const r = await api('GET', `/department/cases/${caseId}/correction-points`);
      points = r && r.caseId === caseId ? r : null;
    } catch {
      points = null;
    }
  }

  function renderPoints(caseId) {
    const box = $('points');
    const list = points && points.caseId === caseId ? points.points : [];
    if (list.length === 0) {
      box.replaceChildren(h('p', { className: 'muted', textContent: '未能取得该件的字段和材料，可只写总体意见。' }));
      return;
    }
    box.replaceChildren(
      ...POINT_SECTION.filter(([section]) => list.some((p) => p.section === section)).map(([section, title]) =>
        h(
          'div',
          { className: 'point-group' },
          h('h4', { textContent: title }),
          ...list
            .filter((p) => p.section === section)
            .map((p) => {
              const name = p.label['zh-CN'];
              const check = h('input', { type: 'checkbox', value: p.path });
              const text = h('input', { type: 'text', className: 'point-comment', placeholder: `“${name}”需要怎样补正`, maxLength: 1000, hidden: true });
              text.setAttribute('aria-label', `${name}的补正意见`);
              check.addEventListener('change', () => {
                text.hidden = !check.checked;
                show($('decide-error'), false);
                if (check.checked) text.focus();
              });
              text.addEventListener('input', () => show($('decide-error'), false));
              return h('div', { className: 'point', dataset: { path: p.path } }, h('label', { className: 'check' }, check, ` ${name}`), text);
            }),
        ),
      ),
    );
  }

  function renderDecisionForm(d) {
    const form = $('decide');
    const allowed = d.allowedDecisions || [];
    const canDecide = allowed.length > 0 && d.state !== 'queued';
    show(form, canDecide);
    $('decide-error').hidden = true;
    if (!canDecide) return;
    $('kind').replaceChildren(...allowed.map((k) => h('option', { value: k, textContent: DECISION_LABEL[k] || k })));
    $('comment').value = '';
    renderPoints(d.caseId);
    syncKind();
  }

  function syncKind() {
    show($('result-ready-row'), $('kind').value === 'approved');
    show($('points-box'), $('kind').value === 'correctionRequested');
  }
  $('kind').addEventListener('change', syncKind);

  $('decide').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!selected) return;
    const kind = $('kind').value;
    const comment = $('comment').value.trim();
    const err = $('decide-error');
    const picked = kind === 'correctionRequested' ? [...$('points').querySelectorAll('.point')].filter((row) => row.querySelector('input[type="checkbox"]').checked) : [];
    const blank = picked.find((row) => !row.querySelector('.point-comment').value.trim());
    if (blank) {
      err.textContent = `请为勾选的“${blank.querySelector('label').textContent.trim()}”填写补正意见。`;
      show(err, true);
      blank.querySelector('.point-comment').focus();
      return;
    }
    const fieldComments = picked.map((row) => ({ path: row.dataset.path, comment: row.querySelector('.point-comment').value.trim() }));
    if (kind === 'correctionRequested' && fieldComments.length === 0 && !comment) {
      err.textContent = '补正须勾选需要补正的字段或材料并填写意见，或写明总体意见。';
      show(err, true);
      $('comment').focus();
      return;
    }
    const body = { kind, fieldComments };
    if (comment) body.comment = comment;
    if (kind === 'approved') body.resultReady = $('result-ready').checked;
    try {
      const r = await api('POST', `/department/dispatches/${selected.dispatchId}/decision`, body);
      selected = r.dispatch;
      notice(`已提交：${r.dispatch.caseNumber} ${DECISION_LABEL[kind] || kind}。窗口将收到该状态。`);
      await loadList(true);
      renderDetail();
    } catch (e) {
      if (e.status === 401) return;
      err.textContent = e.message;
      show(err, true);
    }
  });

  // ---- start ---------------------------------------------------------------------------

  async function refreshAll() {
    await loadList(true);
    if (selected) {
      const r = await api('GET', `/department/cases/${selected.caseId}`);
      selected = r.dispatch;
      await Promise.all([loadRevisions(selected.caseId), loadPoints(selected.caseId)]);
      renderList();
      renderDetail();
    }
  }

  // Keep the list fresh while the page is visible and nobody is typing.
  setInterval(() => {
    if (!token || document.visibilityState !== 'visible' || $('inbox').hidden) return;
    const active = document.activeElement;
    if (active && $('decide').contains(active)) return;
    void loadList(true).catch(() => {});
  }, 30_000);

  renderFilters();
  if (token) void enter().catch((e) => (e.status === 401 ? null : signOut(e.message)));
  else signOut('');
})();
