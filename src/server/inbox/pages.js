// 部门收件箱 · 电子材料: the pages the window took in, per material, for the case open in the
// inbox (GET /department/cases/:caseId/pages), each drawn on a canvas under a watermark naming
// the viewing department, officer and time; a viewer (←/→ page, +/- zoom, R rotate, Esc close);
// 补正 pointed at a material or at one page (materialPages.<key>.<n>) added to the decision form.
// Every page fetched is a read the service records with the officer. Plain browser JavaScript,
// no dependencies; inbox.js calls window.OneWindowInboxPages.show(dispatch, case).
'use strict';

(() => {
  const { API, $, h, token } = window.OneWindowInboxDom; // dom.js


  const timeFormat = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  });


  async function fetchOk(path) {
    const res = await fetch(API + path, { headers: { Authorization: `Bearer ${token()}` }, credentials: 'omit', cache: 'no-store' });
    if (!res.ok) throw Object.assign(new Error(`HTTP ${res.status}`), { status: res.status });
    return res;
  }

  let me = null; // GET /me: the department and the officer, for the watermark
  async function who() {
    if (!me || me.token !== token()) me = { ...(await (await fetchOk('/me')).json()), token: token() };
    return me;
  }
  function watermark() {
    const o = me && me.officer;
    return `${(me && me.name) || ''} ${o ? `${o.name}（工号 ${o.staffNo}）` : ''} ${timeFormat.format(new Date())} 查看`;
  }

  // ---- the case's pages --------------------------------------------------------------------

  let view = null; // { caseId, materials: [...], flat: [{ material, page }], bitmaps: Map<sha, Promise<ImageBitmap>> }

  function bitmapOf(v, sha) {
    let p = v.bitmaps.get(sha);
    if (!p) {
      p = fetchOk(`/department/cases/${v.caseId}/pages/${sha}`)
        .then((r) => r.blob())
        .then((b) => createImageBitmap(b));
      p.catch(() => v.bitmaps.delete(sha)); // a failed read is tried again next time
      v.bitmaps.set(sha, p);
    }
    return p;
  }

  /**
   * Draws the page (turned by `rotation` degrees) to fit `box` CSS pixels × zoom, then the
   * watermark: the text tiled diagonally over the whole page and once more on a band at the foot.
   */
  function draw(canvas, bitmap, rotation, boxW, boxH, zoom) {
    const turned = rotation % 180 !== 0;
    const iw = turned ? bitmap.height : bitmap.width;
    const ih = turned ? bitmap.width : bitmap.height;
    const scale = Math.min(boxW / iw, boxH / ih) * zoom;
    const cssW = Math.max(1, Math.round(iw * scale));
    const cssH = Math.max(1, Math.round(ih * scale));
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(cssW * dpr);
    canvas.height = Math.round(cssH * dpr);
    canvas.style.width = `${cssW}px`;
    canvas.style.height = `${cssH}px`;
    const ctx = canvas.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.save();
    ctx.translate(cssW / 2, cssH / 2);
    ctx.rotate((rotation * Math.PI) / 180);
    const dw = (turned ? cssH : cssW);
    const dh = (turned ? cssW : cssH);
    ctx.drawImage(bitmap, -dw / 2, -dh / 2, dw, dh);
    ctx.restore();

    const text = watermark();
    const size = Math.max(9, Math.min(28, cssW / 26));
    ctx.save();
    ctx.font = `${size}px "Noto Sans CJK SC", "Microsoft YaHei", sans-serif`;
    ctx.fillStyle = 'rgba(200, 30, 30, 0.22)';
    ctx.translate(cssW / 2, cssH / 2);
    ctx.rotate(-Math.PI / 6);
    const step = ctx.measureText(text).width + size * 3;
    const reach = Math.hypot(cssW, cssH);
    for (let y = -reach; y < reach; y += size * 5)
      for (let x = -reach + ((y / (size * 5)) % 2) * (step / 2); x < reach; x += step) ctx.fillText(text, x, y);
    ctx.restore();
    const band = size * 1.6;
    ctx.fillStyle = 'rgba(255, 255, 255, 0.72)';
    ctx.fillRect(0, cssH - band, cssW, band);
    ctx.fillStyle = 'rgba(160, 20, 20, 0.95)';
    ctx.font = `${Math.max(9, size * 0.8)}px "Noto Sans CJK SC", "Microsoft YaHei", sans-serif`;
    ctx.textBaseline = 'middle';
    ctx.fillText(`仅供审批 · ${text}`, 6, cssH - band / 2, cssW - 12);
  }

  function section() {
    let box = $('d-pages');
    if (!box) {
      box = h('section', { id: 'd-pages', className: 'pages', 'aria-label': '电子材料' });
      const materials = document.querySelector('#detail table.materials');
      if (materials) materials.after(box);
      else $('detail').append(box);
    }
    return box;
  }

  async function show(d, c) {
    const box = section();
    const caseId = d.caseId;
    if (view && view.caseId === caseId && view.ready) {
      render(box, view); // same case re-rendered (after a claim or decision): pages already read
      return;
    }
    view = { caseId, materials: [], flat: [], bitmaps: new Map(), ready: false };
    const v = view;
    const declared = c && c.materialPages ? Object.keys(c.materialPages).length : 0;
    box.replaceChildren(declared ? h('p', { className: 'muted', textContent: '正在读取电子材料…' }) : '');
    box.hidden = !declared;
    if (!declared) return;
    try {
      await who();
      const r = await (await fetchOk(`/department/cases/${caseId}/pages`)).json();
      if (view !== v) return;
      v.materials = r.materials.filter((m) => m.pages.length > 0);
      v.flat = v.materials.flatMap((m) => m.pages.map((p) => ({ material: m, page: p })));
      v.ready = true;
      render(box, v);
    } catch (e) {
      if (view !== v) return;
      box.replaceChildren(h('h3', { textContent: '电子材料' }), h('p', { className: 'error', textContent: `电子材料暂时无法读取（${e.message}），请稍后刷新。` }));
    }
  }

  function render(box, v) {
    const waiting = v.flat.filter((x) => !x.page.onService).length;
    box.hidden = v.materials.length === 0;
    box.replaceChildren(
      h('h3', {}, '电子材料', h('small', { className: 'muted', textContent: `　共 ${v.flat.length} 页${waiting ? `，${waiting} 页材料上传中` : ''}；每次查看均记录查看人` })),
      ...v.materials.map((m) => {
        const ask = h('button', { type: 'button', className: 'link', textContent: '补正此材料' });
        ask.addEventListener('click', () => pointAt(m.materialKey, m.name, ask));
        return h(
          'div',
          { className: 'page-material', dataset: { key: m.materialKey } },
          h('div', { className: 'page-material-head' }, h('strong', { textContent: m.name }), h('span', { className: 'muted', textContent: `${m.pages.length} 页` }), ask),
          h('div', { className: 'thumbs' }, ...m.pages.map((p) => thumb(v, m, p))),
        );
      }),
    );
  }

  const queue = [];
  let running = 0;
  function enqueue(job) {
    queue.push(job);
    const next = () => {
      while (running < 3 && queue.length) {
        running++;
        void queue.shift()().finally(() => {
          running--;
          next();
        });
      }
    };
    next();
  }

  function thumb(v, m, p) {
    const label = `${m.name} 第${p.page}页`;
    if (!p.onService)
      return h('div', { className: 'thumb waiting', title: label, dataset: { sha: p.sha256 } }, h('span', { textContent: '材料上传中' }), h('small', { textContent: `第${p.page}页` }));
    const canvas = h('canvas', { className: 'thumb-canvas' });
    const b = h('button', { type: 'button', className: 'thumb', title: `${label}（点击查看）`, dataset: { sha: p.sha256 } }, canvas, h('small', { textContent: `第${p.page}页` }));
    b.setAttribute('aria-label', label);
    b.addEventListener('click', () => openViewer(v, v.flat.findIndex((x) => x.page === p)));
    enqueue(async () => {
      try {
        const bm = await bitmapOf(v, p.sha256);
        if (view === v) draw(canvas, bm, 0, 96, 128, 1);
      } catch {
        b.replaceChildren(h('span', { className: 'error', textContent: '读取失败' }), h('small', { textContent: `第${p.page}页` }));
      }
    });
    return b;
  }

  // ---- 补正 pointed at a material or a page -------------------------------------------------

  /** Adds (or ticks) the point in the decision form; false when no 补正 can be made now. */
  function pointAt(path, label, from) {
    const form = $('decide');
    const kind = $('kind');
    if (!form || form.hidden || ![...kind.options].some((o) => o.value === 'correctionRequested')) {
      flash(from, '认领本件后，才能要求补正。');
      return false;
    }
    kind.value = 'correctionRequested';
    kind.dispatchEvent(new Event('change'));
    const points = $('points');
    let row = [...points.querySelectorAll('.point')].find((r) => r.dataset.path === path);
    if (!row) {
      let group = points.querySelector('.point-group.page-points');
      if (!group) {
        const placeholder = points.querySelector(':scope > p.muted');
        if (placeholder) placeholder.remove();
        group = h('div', { className: 'point-group page-points' }, h('h4', { textContent: '材料页' }));
        points.append(group);
      }
      const check = h('input', { type: 'checkbox', value: path });
      const text = h('input', { type: 'text', className: 'point-comment', placeholder: `“${label}”需要怎样补正`, maxLength: 1000, hidden: true });
      text.setAttribute('aria-label', `${label}的补正意见`);
      check.addEventListener('change', () => {
        text.hidden = !check.checked;
        if (check.checked) text.focus();
      });
      row = h('div', { className: 'point', dataset: { path } }, h('label', { className: 'check' }, check, ` ${label}`), text);
      group.append(row);
    }
    const check = row.querySelector('input[type="checkbox"]');
    const text = row.querySelector('.point-comment');
    check.checked = true;
    text.hidden = false;
    closeViewer();
    row.scrollIntoView({ block: 'center' });
    text.focus();
    return true;
  }

  function flash(near, message) {
    const n = h('span', { className: 'error flash', role: 'alert', textContent: message });
    (near && near.parentElement ? near.parentElement : section()).append(n);
    setTimeout(() => n.remove(), 4000);
  }

  // ---- the viewer ----------------------------------------------------------------------------

  let viewer = null; // { v, index, zoom, rotation, el, canvas, title, stage }

  function buildViewer() {
    const canvas = h('canvas', { className: 'viewer-canvas' });
    const stage = h('div', { className: 'viewer-stage' }, canvas);
    const title = h('span', { className: 'viewer-title' });
    const button = (text, key, fn) => {
      const b = h('button', { type: 'button', textContent: text, title: key ? `${text}（${key}）` : text });
      b.addEventListener('click', fn);
      return b;
    };
    const ask = button('补正此页', '', () => {
      const x = viewer.v.flat[viewer.index];
      pointAt(`materialPages.${x.material.materialKey}.${x.page.page}`, `${x.material.name} 第${x.page.page}页`, ask);
    });
    const el = h(
      'div',
      { className: 'viewer', role: 'dialog', 'aria-modal': 'true', 'aria-label': '查看电子材料', hidden: true, tabIndex: -1 },
      h(
        'div',
        { className: 'viewer-bar' },
        title,
        h('span', { className: 'spacer' }),
        button('← 上一页', '←', () => go(-1)),
        button('下一页 →', '→', () => go(1)),
        button('放大 +', '+', () => zoomBy(1.25)),
        button('缩小 −', '-', () => zoomBy(0.8)),
        button('旋转 R', 'R', () => turn()),
        ask,
        button('关闭', 'Esc', () => closeViewer()),
      ),
      stage,
      h('p', { className: 'viewer-hint muted', textContent: '← → 翻页　+ − 缩放　R 旋转　Esc 关闭　页面水印标明查看部门、经办人和时间' }),
    );
    el.addEventListener('keydown', (e) => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement) return;
      const k = e.key;
      if (k === 'ArrowRight' || k === 'PageDown') go(1);
      else if (k === 'ArrowLeft' || k === 'PageUp') go(-1);
      else if (k === '+' || k === '=') zoomBy(1.25);
      else if (k === '-' || k === '_') zoomBy(0.8);
      else if (k === 'r' || k === 'R') turn();
      else if (k === '0') {
        viewer.zoom = 1;
        paint();
      } else if (k === 'Escape') closeViewer();
      else return;
      e.preventDefault();
    });
    document.body.append(el);
    return { el, canvas, stage, title };
  }

  function openViewer(v, index) {
    if (index < 0) return;
    const parts = viewer ? viewer : buildViewer();
    viewer = { ...parts, v, index, zoom: 1, rotation: 0, opener: document.activeElement };
    viewer.el.hidden = false;
    viewer.el.focus();
    paint();
  }

  function closeViewer() {
    if (!viewer || viewer.el.hidden) return;
    viewer.el.hidden = true;
    if (viewer.opener && viewer.opener.focus && document.contains(viewer.opener)) viewer.opener.focus();
  }

  function go(delta) {
    const n = viewer.v.flat.length;
    let i = viewer.index;
    // pages still on their way are skipped: there is nothing to show
    for (let step = 0; step < n; step++) {
      i = (i + delta + n) % n;
      if (viewer.v.flat[i].page.onService) break;
    }
    viewer.index = i;
    viewer.rotation = 0;
    paint();
  }
  function zoomBy(f) {
    viewer.zoom = Math.min(6, Math.max(0.25, viewer.zoom * f));
    paint();
  }
  function turn() {
    viewer.rotation = (viewer.rotation + 90) % 360;
    paint();
  }

  async function paint() {
    const { v, index } = viewer;
    const x = v.flat[index];
    viewer.title.textContent = `${x.material.name}　第 ${x.page.page}/${x.material.pages.length} 页　（全部 ${index + 1}/${v.flat.length}）　${Math.round(viewer.zoom * 100)}%`;
    if (!x.page.onService) {
      viewer.canvas.width = 1;
      viewer.canvas.height = 1;
      viewer.title.textContent += '　材料上传中';
      return;
    }
    try {
      const bm = await bitmapOf(v, x.page.sha256);
      if (viewer.v !== v || viewer.index !== index) return;
      const r = viewer.stage.getBoundingClientRect();
      draw(viewer.canvas, bm, viewer.rotation, Math.max(200, r.width - 24), Math.max(200, r.height - 24), viewer.zoom);
    } catch (e) {
      viewer.title.textContent += `　读取失败（${e.message}）`;
    }
  }

  window.OneWindowInboxPages = { show };
})();
