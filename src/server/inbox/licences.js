// 部门收件箱 · 电子证照: in the case view, the licences the window fetched instead of paper (as fetched,
// and whether the registry's record changed since), a link to each licence's document, and next to
// 办结 the electronic licence it will issue. Hooked by one call from inbox.js (renderDetail →
// window.oneWindowLicences.show(dispatch)); everything else is here. Same rules as inbox.js: no
// dependencies, DOM built with createElement/textContent (the page's CSP allows no inline script).
'use strict';

(() => {
  const { API, $, h, token } = window.OneWindowInboxDom; // dom.js
  const STATUS = { valid: '有效', expired: '已过期', revoked: '已吊销', cancelled: '已注销' };
  const SOURCE = { centre: '本中心电子证照库', platform: '省数据共享平台' };

  const fmtTime = (iso) =>
    iso ? new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso)) : '—';

  /** The section under 已收材料 (made once). */
  function section() {
    let s = $('d-licences');
    if (!s) {
      s = h('section', { id: 'd-licences', className: 'licences' });
      s.setAttribute('aria-label', '数据共享调取的电子证照');
      const materials = $('d-materials');
      const table = materials ? materials.closest('table') : null;
      if (table) table.after(s);
      else ($('detail') || document.body).append(s);
    }
    return s;
  }

  /** "将签发电子证照：…" next to the decision, shown while 办结 is chosen. */
  function issueNote() {
    let p = $('will-issue');
    if (!p) {
      p = h('p', { id: 'will-issue', className: 'muted' });
      const row = $('result-ready-row');
      if (row) row.after(p);
      const kind = $('kind');
      if (kind) kind.addEventListener('change', syncNote);
    }
    return p;
  }
  let willIssue = [];
  function syncNote() {
    const p = issueNote();
    const on = willIssue.length > 0 && $('kind') && $('kind').value === 'approved';
    p.hidden = !on;
    p.textContent = on ? `将签发电子证照：${willIssue.map((w) => w.typeName).join('、')}（持证人为申请人，签发后其他办件可直接调取）` : '';
  }

  async function download(url, name, button, error) {
    button.disabled = true;
    error.hidden = true;
    try {
      const res = await fetch(url, { headers: { Authorization: `Bearer ${token()}` }, credentials: 'omit', cache: 'no-store' });
      if (!res.ok) throw new Error(res.status === 404 ? '证照文件不存在或无权查看' : `服务器返回 ${res.status}`);
      const blob = await res.blob();
      const href = URL.createObjectURL(blob);
      const ext = blob.type === 'application/pdf' ? 'pdf' : (blob.type.split('/')[1] || 'bin');
      const a = h('a', { href, download: `${name}.${ext}` });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(href), 60_000);
    } catch (e) {
      error.textContent = e instanceof Error ? e.message : String(e);
      error.hidden = false;
    } finally {
      button.disabled = false;
    }
  }

  /** One fetched licence: what the window saw, and whether the registry's record changed since. */
  function licenceBlock(f, names) {
    const l = f.atFetch;
    const now = f.current;
    let change;
    if (!f.recorded) change = h('span', { className: 'error', textContent: '本中心调取记录中没有这次调取，请核实' });
    else if (!now) change = h('span', { className: 'muted', textContent: l.source === 'platform' ? '来自省平台，无法比对' : '证照库中已无此证照' });
    else if (f.changedSince) change = h('span', { className: 'error', textContent: `调取后已变更：现为${STATUS[now.status] || now.status}${now.expiresOn ? `（有效期至 ${now.expiresOn}）` : ''}` });
    else change = h('span', { textContent: '调取后未变更' });
    const error = h('p', { className: 'error', hidden: true, role: 'alert' });
    let doc = h('span', { className: 'muted', textContent: '无证照文件' });
    if (f.documentUrl) {
      const b = h('button', { type: 'button', className: 'link', textContent: '查看证照文件' });
      b.addEventListener('click', () => void download(f.documentUrl, `${l.typeName}-${l.number}`, b, error));
      doc = h('span', {}, b, error);
    }
    const fact = (label, ...value) => [h('dt', { textContent: label }), h('dd', {}, ...value)];
    return h(
      'div',
      { className: 'fetched-licence' },
      h('h4', {}, `${l.typeName} `, h('span', { className: 'mono', textContent: l.number }), h('span', { className: 'muted', textContent: `（代替：${names[f.materialKey] || f.materialKey}）` })),
      h(
        'dl',
        { className: 'facts' },
        ...fact('持证人', l.holderName),
        ...fact('发证机关', l.issuer),
        ...fact('有效期', `${l.issuedOn} 至 ${l.expiresOn || '长期'}`),
        ...fact('调取时', `${STATUS[l.statusAtFetch] || l.statusAtFetch}　${fmtTime(l.fetchedAt)}　${SOURCE[l.source] || l.source}（${l.fetchedBy}）`),
        ...fact('现状', change),
        ...fact('证照文件', doc),
      ),
    );
  }

  let shownKey = '';
  async function show(d) {
    const key = `${d.caseId}|${d.state}|${d.decidedAt || ''}`;
    if (key === shownKey) return syncNote();
    shownKey = key;
    const s = section();
    let data;
    try {
      const res = await fetch(`${API}/department/cases/${d.caseId}/licences`, { headers: { Authorization: `Bearer ${token()}` }, credentials: 'omit', cache: 'no-store' });
      if (!res.ok) throw new Error(`服务器返回 ${res.status}`);
      data = await res.json();
    } catch (e) {
      s.replaceChildren(h('p', { className: 'error', textContent: `无法读取电子证照信息：${e instanceof Error ? e.message : e}` }));
      willIssue = [];
      syncNote();
      shownKey = '';
      return;
    }
    if (shownKey !== key) return; // another case was opened meanwhile
    const c = d.case || {};
    const received = (c.decision && c.decision.received) || [];
    const names = Object.fromEntries(received.map((m) => [m.key, m.name]));
    willIssue = data.willIssue || [];
    const parts = [];
    if (data.fetched.length > 0) parts.push(h('h3', { textContent: '数据共享调取的电子证照（免提交）' }), ...data.fetched.map((f) => licenceBlock(f, names)));
    if (data.issued.length > 0)
      parts.push(h('p', { className: 'notice', textContent: `已签发电子证照：${data.issued.map((i) => `${i.typeName} ${i.number}（${i.issuedOn}）`).join('、')}` }));
    s.replaceChildren(...parts);
    s.hidden = parts.length === 0;
    syncNote();
  }

  window.oneWindowLicences = { show };
})();
