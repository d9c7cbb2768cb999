// 部门收件箱: the small DOM and session helpers inbox.js, pages.js and licences.js share (loaded
// first). Plain browser JavaScript, no dependencies.
'use strict';

(() => {
  const KEY_TOKEN = 'onewindow.inbox.session';

  /** h('td', { className: 'mono' }, 'text', childNode) */
  function h(tag, props, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (v === undefined || v === null) continue;
      if (k === 'dataset') Object.assign(el.dataset, v);
      else if (k in el) el[k] = v;
      else el.setAttribute(k, String(v));
    }
    for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
    return el;
  }

  window.OneWindowInboxDom = {
    API: '/api/v1',
    KEY_TOKEN,
    $: (id) => document.getElementById(id),
    h,
    /** The officer's session token as inbox.js keeps it. */
    token: () => sessionStorage.getItem(KEY_TOKEN) || '',
  };
})();
