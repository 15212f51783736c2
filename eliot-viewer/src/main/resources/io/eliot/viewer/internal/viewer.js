(function () {
  'use strict';
  // Eliot viewer. Logged text is only ever put in the page as DOM text (textContent, append of
  // strings, dataset): never as markup. The page's Content-Security-Policy allows this script only.

  var PAGE = 100;        // task rows drawn per page of the list
  var AUTO_OPEN = 300;   // tree nodes opened at once when a task is opened
  var CHILD_PAGE = 500;  // children drawn per page inside one action
  var TL_MAX = 2000;     // timeline rows per task
  var FOLD = 160;        // characters of a long value shown folded

  function $(id) { return document.getElementById(id); }

  var config = JSON.parse($('eliot-config').textContent);
  var live = config.mode === 'live';

  var all = [];              // entries {s: summary, raw: task JSON text (static) or null, full: task or null}
  var byUuid = new Map();
  var results = [];
  var shown = 0;
  var rows = new Map();      // task uuid -> its row element in the list
  var lastHash = null;
  var filterSeq = 0;

  // Enter and Space on a focusable head do what a click does.
  function clickable(e, onClick) {
    e.tabIndex = 0;
    e.addEventListener('click', onClick);
    e.addEventListener('keydown', function (ev) {
      if (ev.target === e && (ev.key === 'Enter' || ev.key === ' ')) {
        ev.preventDefault();
        e.click();
      }
    });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function str(v) { return v === undefined || v === null ? '' : String(v); }

  function pad(n, width) { var s = String(n); while (s.length < width) s = '0' + s; return s; }

  function fmtTime(ts) {
    if (typeof ts !== 'number' || !isFinite(ts)) return '';
    var us = Math.round(ts * 1e6);
    var d = new Date(Math.floor(us / 1000));
    if (isNaN(d.getTime())) return String(ts);
    var iso = d.toISOString();
    return iso.slice(0, 10) + ' ' + iso.slice(11, 19) + '.' + pad(((us % 1e6) + 1e6) % 1e6, 6) + 'Z';
  }

  function fmtDur(d) {
    if (typeof d !== 'number' || !isFinite(d)) return '';
    var ms = Math.round(d * 1000);
    var sign = ms < 0 ? '-' : '';
    ms = Math.abs(ms);
    return sign + Math.floor(ms / 1000) + '.' + pad(ms % 1000, 3) + 's';
  }

  function levelText(level) { return str(level).replace(/^\//, ''); }

  function cssName(s) { return str(s).replace(/[^a-z]/g, ''); }

  // ---- data ----

  function addEntry(t) {
    all.push(t);
    byUuid.set(str(t.s.task_uuid), t);
  }

  function loadStatic() {
    var blocks = document.querySelectorAll('script.eliot-data');
    var bad = 0;
    for (var b = 0; b < blocks.length; b++) {
      var lines = blocks[b].textContent.split('\n');
      var i = 0;
      while (i + 1 < lines.length) {
        if (lines[i] === '') { i++; continue; }
        var s = null;
        try { s = JSON.parse(lines[i]); } catch (e) { s = null; }
        if (s && typeof s === 'object') addEntry({s: s, raw: lines[i + 1], full: null});
        else bad++;
        i += 2;
      }
      blocks[b].remove();
    }
    all.sort(function (x, y) { return startOf(x.s) - startOf(y.s); });
    return bad;
  }

  function startOf(s) { return typeof s.start === 'number' ? s.start : Infinity; }

  // Parent links and each node's earliest and latest time, for the timeline and hand-offs.
  function annotate(n, parent) {
    n._p = parent;
    var t0 = Infinity, t1 = -Infinity;
    [n.start, n.end, n.timestamp].forEach(function (t) {
      if (typeof t === 'number' && isFinite(t)) { t0 = Math.min(t0, t); t1 = Math.max(t1, t); }
    });
    (Array.isArray(n.children) ? n.children : []).forEach(function (c) {
      if (!c || typeof c !== 'object') return;
      annotate(c, n);
      t0 = Math.min(t0, c._t0);
      t1 = Math.max(t1, c._t1);
    });
    n._t0 = t0;
    n._t1 = t1;
  }

  function parseTask(raw) {
    try {
      var task = JSON.parse(raw);
      if (!task || typeof task !== 'object' || !task.root || typeof task.root !== 'object') return null;
      return task;
    } catch (e) {
      return null;
    }
  }

  function fetchJson(url) {
    return fetch(url, {headers: {Accept: 'application/json'}, credentials: 'same-origin'}).then(function (r) {
      if (r.status === 404) return null;
      if (!r.ok) throw new Error('HTTP ' + r.status);
      return r.json();
    });
  }

  function taskUrl(uuid) { return config.endpoint + '/' + encodeURIComponent(uuid); }

  function loadTask(t) {
    if (t.full) return Promise.resolve(t.full);
    if (!live) {
      var task = parseTask(t.raw);
      if (task) annotate(task.root, null);
      t.full = task;
      return Promise.resolve(task);
    }
    return fetchJson(taskUrl(str(t.s.task_uuid))).then(function (task) {
      if (task && task.root && typeof task.root === 'object') {
        annotate(task.root, null);
        t.full = task;
        return task;
      }
      return null;
    }, function () { return null; });
  }

  // ---- filters ----

  function parseTime(text) {
    text = text.trim();
    if (!text) return NaN;
    if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
    text = text.replace(' ', 'T');
    // Without a zone the time is UTC, as in eliot-tools.
    if (/T\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(text)) text += 'Z';
    var ms = Date.parse(text);
    return isNaN(ms) ? null : ms / 1000;
  }

  function readFilter() {
    var f = {
      q: $('search').value.trim().toLowerCase(),
      typeRaw: $('type-filter').value.trim(),
      status: $('status-filter').value,
      min: NaN, from: NaN, to: NaN, bad: []
    };
    f.type = f.typeRaw.toLowerCase();
    f.qRaw = JSON.stringify(f.q).slice(1, -1).replace(/</g, '\\u003c').replace(/>/g, '\\u003e')
        .replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
    var m = $('min-duration').value.trim();
    if (m) {
      f.min = Number(m);
      if (isNaN(f.min)) f.bad.push('min duration');
    }
    f.from = parseTime($('time-from').value);
    if (f.from === null) { f.bad.push('from'); f.from = NaN; }
    f.to = parseTime($('time-to').value);
    if (f.to === null) { f.bad.push('until'); f.to = NaN; }
    return f;
  }

  function typesOf(s) {
    if (Array.isArray(s.types)) return s.types;
    return s.type === undefined || s.type === null ? [] : [s.type];
  }

  function typeHas(s, q) {
    return typesOf(s).some(function (x) { return typeof x === 'string' && x.toLowerCase().indexOf(q) >= 0; });
  }

  function valueHas(v, q) {
    if (v === null || v === undefined) return false;
    if (typeof v === 'object') {
      for (var k in v) {
        if (Object.prototype.hasOwnProperty.call(v, k) && valueHas(v[k], q)) return true;
      }
      return false;
    }
    return String(v).toLowerCase().indexOf(q) >= 0;
  }

  function nodeHas(n, q) {
    if (!n || typeof n !== 'object') return false;
    if (n.kind === 'message') return valueHas(n.fields, q);
    if (valueHas(n.start_fields, q) || valueHas(n.end_fields, q) || valueHas(n.exception, q) || valueHas(n.reason, q)) {
      return true;
    }
    var c = Array.isArray(n.children) ? n.children : [];
    for (var i = 0; i < c.length; i++) if (nodeHas(c[i], q)) return true;
    return false;
  }

  function textMatch(t, f) {
    var s = t.s;
    if (str(s.task_uuid).toLowerCase().indexOf(f.q) === 0) return true;
    if (typeHas(s, f.q)) return true;
    var task = t.full;
    if (!task) {
      // The task's JSON text holds every value: most tasks are ruled out without parsing them.
      if (t.raw === null || t.raw.toLowerCase().indexOf(f.qRaw) < 0) return false;
      task = parseTask(t.raw);
    }
    return !!task && nodeHas(task.root, f.q);
  }

  function matches(t, f) {
    var s = t.s;
    if (f.status === 'incomplete') {
      if (s.complete !== false) return false;
    } else if (f.status && s.status !== f.status) {
      return false;
    }
    if (!isNaN(f.min) && !(typeof s.duration === 'number' && s.duration >= f.min)) return false;
    if (!isNaN(f.from) && !(s.start >= f.from)) return false;
    if (!isNaN(f.to) && !(s.start < f.to)) return false;
    if (f.type && !typeHas(s, f.type)) return false;
    if (f.q && !textMatch(t, f)) return false;
    return true;
  }

  // In live mode the server applies status, type, duration and time; the page the rest.
  function liveMatches(t, f) {
    if (f.status === 'incomplete' && t.s.complete !== false) return false;
    return !f.q || textMatch(t, f);
  }

  var filterTimer = null;
  function scheduleFilter() {
    clearTimeout(filterTimer);
    filterTimer = setTimeout(applyFilter, 150);
  }

  function applyFilter() {
    clearTimeout(filterTimer);
    if (live) { refreshLive(); return; }
    var began = performance.now();
    var f = readFilter();
    results = all.filter(function (t) { return matches(t, f); });
    renderList(false);
    showCount(f);
    document.body.dataset.filterMs = String(Math.round(performance.now() - began));
    document.body.dataset.filterSeq = String(++filterSeq);
  }

  function showCount(f) {
    var c = $('result-count');
    c.dataset.count = String(results.length);
    var text = results.length + (live ? ' shown' : ' of ' + all.length) + (results.length === 1 ? ' task' : ' tasks');
    if (f && f.bad.length) text += ' (ignored: ' + f.bad.join(', ') + ')';
    c.textContent = text;
  }

  function clearFilters() {
    ['search', 'type-filter', 'min-duration', 'time-from', 'time-to'].forEach(function (id) { $(id).value = ''; });
    $('status-filter').value = '';
  }

  // ---- the list ----

  function renderList(keepShown) {
    var box = $('tasks');
    var want = keepShown ? Math.max(shown, PAGE) : PAGE;
    box.textContent = '';
    shown = 0;
    showMore(want);
    // A row keeps its state (open, selected) while its task is in the page, filtered out or not.
    rows.forEach(function (r, uuid) { if (!byUuid.has(uuid)) rows.delete(uuid); });
  }

  function showMore(count) {
    var n = typeof count === 'number' ? count : PAGE;
    var end = Math.min(results.length, shown + n);
    var frag = document.createDocumentFragment();
    for (var i = shown; i < end; i++) frag.appendChild(row(results[i]));
    $('tasks').appendChild(frag);
    shown = end;
    var more = $('more');
    more.hidden = shown >= results.length;
    more.textContent = 'show more (' + (results.length - shown) + ' more)';
  }

  function changed(a, b) {
    return a.updated !== b.updated || a.message_count !== b.message_count || a.status !== b.status;
  }

  function row(t) {
    var uuid = str(t.s.task_uuid);
    var r = rows.get(uuid);
    if (r) {
      if (r._t !== t) {
        var old = r._t;
        r._t = t;
        fillHead(r, t);
        if (!r._body.hidden && changed(old.s, t.s)) buildBody(r);
      }
      return r;
    }
    r = newRow(t);
    rows.set(uuid, r);
    return r;
  }

  function newRow(t) {
    var r = el('div', 'task');
    r._t = t;
    r.dataset.taskUuid = str(t.s.task_uuid);
    r._head = el('div', 'task-head');
    r._body = el('div', 'task-body');
    r._body.hidden = true;
    r.append(r._head, r._body);
    fillHead(r, t);
    clickable(r._head, function () {
      var open = r._body.hidden;
      setTaskOpen(r, open);
      if (open) {
        select(r, null);
        setHash(str(r._t.s.task_uuid), null);
      }
    });
    return r;
  }

  function fillHead(r, t) {
    var s = t.s;
    var status = s.status === undefined || s.status === null ? 'message' : str(s.status);
    r.dataset.status = status;
    r.classList.toggle('failed', status === 'failed');
    r.classList.toggle('incomplete', s.complete === false);
    var h = r._head;
    h.textContent = '';
    h.append(
        el('span', 'toggle', r._body.hidden ? '\u25b8' : '\u25be'),
        el('span', 'time', fmtTime(s.start)),
        el('span', 'type', s.type === undefined || s.type === null ? '(no type)' : s.type));
    if (status !== 'message') h.append(el('span', 'st st-' + cssName(status), status));
    h.append(el('span', 'dur', fmtDur(s.duration)));
    h.append(el('span', 'count', str(s.message_count) + (s.message_count === 1 ? ' message' : ' messages')));
    h.append(el('span', 'uuid', s.task_uuid));
    if (s.complete === false) h.append(el('span', 'flag', 'incomplete'));
  }

  function setTaskOpen(r, open) {
    r._body.hidden = !open;
    r.classList.toggle('open', open);
    r._head.firstChild.textContent = open ? '\u25be' : '\u25b8';
    if (open && !r._built) return buildBody(r);
    return r._built || Promise.resolve();
  }

  function buildBody(r) {
    var t = r._t;
    var body = r._body;
    body.textContent = '';
    body.appendChild(el('div', 'notice', 'loading\u2026'));
    r._built = loadTask(t).then(function (task) {
      body.textContent = '';
      if (!task) {
        body.appendChild(el('div', 'notice bad', live ? 'this task is no longer stored' : 'this task could not be read'));
        return;
      }
      try {
        body.append(links(task), timeline(task, r), tree(task, r));
      } catch (e) {
        body.appendChild(el('div', 'notice bad', 'this task could not be drawn: ' + e));
      }
    });
    return r._built;
  }

  function links(task) {
    var box = el('div', 'links');
    var a = el('a', null, 'link to this task');
    a.href = '#task=' + encodeURIComponent(str(task.task_uuid));
    box.append(a, ' \u00b7 task ', el('span', 'uuid', task.task_uuid));
    if (task.complete === false) box.append(' \u00b7 ', el('span', 'flag', 'incomplete: the log lacks some of its messages'));
    return box;
  }

  // ---- the tree ----

  function tree(task, r) {
    var box = el('div', 'tree');
    box.appendChild(node(task.root, 0, {n: AUTO_OPEN}, r));
    return box;
  }

  function node(n, depth, budget, r) {
    if (!n || typeof n !== 'object') return el('div', 'notice bad', '(unreadable node)');
    return n.kind === 'message' ? messageNode(n, r) : actionNode(n, depth, budget, r);
  }

  function actionNode(a, depth, budget, r) {
    var failed = a.status === 'failed';
    var remote = a.action_type === 'eliot:remote_task';
    var e = el('div', 'node action collapsed' + (failed ? ' failed' : '') + (remote ? ' remote' : ''));
    e.dataset.level = str(a.level);
    e.dataset.status = a.status === undefined || a.status === null ? 'unknown' : str(a.status);
    e._n = a;
    e._depth = depth;
    e._row = r;
    var head = el('div', 'head');
    head.append(el('span', 'toggle', '\u25b8'),
        el('span', 'atype', a.action_type === undefined || a.action_type === null ? '(unknown action)' : a.action_type),
        ' ', el('span', 'level', a.level), ' ');
    if (a.status) head.append(el('span', 'st st-' + cssName(a.status), a.status), ' ');
    if (typeof a.start === 'number') head.append(el('span', 'time', fmtTime(a.start)), ' ');
    if (typeof a.duration === 'number') head.append(el('span', 'dur', fmtDur(a.duration)));
    if (remote) head.append(' ', el('span', 'handoff', '\u21c4 ' + where(a)));
    e.appendChild(head);
    if (failed) {
      var err = el('div', 'error');
      err.append(el('span', 'exception', str(a.exception)), ': ', el('span', 'reason', str(a.reason)));
      e.appendChild(err);
    }
    e._body = el('div', 'body');
    e._body.hidden = true;
    e.appendChild(e._body);
    clickable(head, function (ev) {
      ev.stopPropagation();
      setNodeOpen(e, e._body.hidden, null);
      select(e, a.level);
    });
    if (budget && budget.n > 0 && depth < 4) {
      budget.n -= 1 + (Array.isArray(a.children) ? Math.min(a.children.length, CHILD_PAGE) : 0);
      setNodeOpen(e, true, budget);
    }
    return e;
  }

  function setNodeOpen(e, open, budget) {
    if (open && !e._built) {
      e._built = true;
      fillAction(e, budget);
    }
    e._body.hidden = !open;
    e.classList.toggle('collapsed', !open);
    e.firstChild.firstChild.textContent = open ? '\u25be' : '\u25b8';
  }

  function fillAction(e, budget) {
    var a = e._n;
    var body = e._body;
    if (a.start === null || a.start === undefined) body.appendChild(el('div', 'missing', '(start message missing)'));
    fields(body, a.start_fields);
    var children = Array.isArray(a.children) ? a.children : [];
    var tail = el('div', 'tail');
    body.appendChild(tail);
    var drawn = 0;
    e._more = function () {
      var end = Math.min(children.length, drawn + CHILD_PAGE);
      var frag = document.createDocumentFragment();
      for (var i = drawn; i < end; i++) frag.appendChild(node(children[i], e._depth + 1, budget, e._row));
      body.insertBefore(frag, tail);
      drawn = end;
      tail.textContent = '';
      if (drawn < children.length) {
        var more = el('button', 'unfold more-children', 'show ' + (children.length - drawn) + ' more');
        more.type = 'button';
        more.addEventListener('click', function (ev) { ev.stopPropagation(); e._more(); });
        tail.appendChild(more);
        return true;
      }
      e._more = null;
      return false;
    };
    e._more();
    if (Array.isArray(a.missing) && a.missing.length) {
      body.appendChild(el('div', 'missing', '(messages missing at ' + a.missing.map(levelText).join(', ') + ')'));
    }
    if (a.end === null || a.end === undefined) {
      body.appendChild(el('div', 'missing', '(end message missing)'));
    } else {
      body.appendChild(el('div', 'endline' + (a.status === 'failed' ? ' failed' : ''),
          '\u21d2 ' + str(a.status) + ' ' + fmtTime(a.end)));
      fields(body, a.end_fields);
    }
  }

  function messageNode(m, r) {
    var type = m.message_type;
    var e = el('div', 'node message' + (type === 'eliot:traceback' ? ' traceback' : ''));
    e.dataset.level = str(m.level);
    e.dataset.messageType = str(type);
    e._row = r;
    var head = el('div', 'head');
    head.append(el('span', 'toggle', '\u2022'),
        el('span', 'mtype', type === undefined || type === null ? '(no type)' : type),
        ' ', el('span', 'level', m.level), ' ', el('span', 'time', fmtTime(m.timestamp)));
    e.appendChild(head);
    clickable(head, function (ev) { ev.stopPropagation(); select(e, m.level); });
    fields(e, m.fields);
    return e;
  }

  function fields(parent, obj) {
    if (!obj || typeof obj !== 'object') return;
    var keys = Object.keys(obj).sort();
    if (!keys.length) return;
    var box = el('div', 'fields');
    keys.forEach(function (k) { box.appendChild(field(k, obj[k])); });
    parent.appendChild(box);
  }

  function field(k, v) {
    var f = el('div', 'field');
    f.append(el('span', 'key', k), ':');
    if (v !== null && typeof v === 'object' && Object.keys(v).length) {
      var inner = el('div', 'fields');
      var keys = Array.isArray(v) ? v.map(function (x, i) { return String(i); }) : Object.keys(v).sort();
      keys.forEach(function (key) { inner.appendChild(field(key, v[key])); });
      f.appendChild(inner);
      return f;
    }
    f.append(' ', valueEl(v));
    return f;
  }

  function valueEl(v) {
    var s;
    var cls = 'value';
    if (typeof v === 'string') {
      s = v;
    } else {
      s = JSON.stringify(v);
      if (s === undefined) s = String(v);
      cls += typeof v === 'number' ? ' v-num' : typeof v === 'boolean' ? ' v-bool' : v === null ? ' v-null' : '';
    }
    var span = el('span', cls);
    var nl = s.indexOf('\n');
    var cut = nl >= 0 ? Math.min(nl, FOLD) : FOLD;
    if (s.length <= cut) {
      span.textContent = s;
      return span;
    }
    if (cut > 0 && /[\ud800-\udbff]/.test(s.charAt(cut - 1))) cut--;
    span.textContent = s.slice(0, cut) + '\u2026';
    var wrap = el('span', 'folded');
    var b = el('button', 'unfold', 'show all ' + s.length + ' characters');
    b.type = 'button';
    b.addEventListener('click', function (ev) {
      ev.stopPropagation();
      wrap.replaceWith(el('pre', 'full value', s));
    });
    wrap.append(span, b);
    return wrap;
  }

  // Where a hand-off ran, from the host/pid/thread fields when the log has them.
  var PLACE_KEYS = ['host', 'pid', 'process', 'thread', 'thread_name'];

  function placeOf(n) {
    var f = n && (n.start_fields || n.fields);
    if (!f || typeof f !== 'object') return null;
    var parts = [];
    PLACE_KEYS.forEach(function (k) { if (f[k] !== undefined && f[k] !== null) parts.push(k + ' ' + f[k]); });
    return parts.length ? parts.join(', ') : null;
  }

  function where(a) {
    var here = placeOf(a);
    if (!here && Array.isArray(a.children)) {
      for (var i = 0; i < a.children.length && !here; i++) here = placeOf(a.children[i]);
    }
    var there = null;
    for (var p = a._p; p && !there; p = p._p) there = placeOf(p);
    if (here && there && here !== there) return 'handed off: ' + there + ' \u2192 ' + here;
    if (here && there) return 'handed off to another thread (' + here + ')';
    return 'handed off to another thread or process' + (here ? ' (' + here + ')' : '');
  }

  // ---- the timeline ----

  function timeline(task, r) {
    var box = el('div', 'timeline');
    var root = task.root;
    var t0 = root._t0;
    var t1 = root._t1;
    if (!isFinite(t0)) {
      box.appendChild(el('div', 'tl-note', 'no timestamps'));
      return box;
    }
    var span = Math.max(t1 - t0, 1e-6);
    var axis = el('div', 'tl-axis');
    axis.append(el('span', null, '0s'), el('span', null, fmtDur(span / 2)), el('span', null, fmtDur(t1 - t0)));
    box.appendChild(axis);
    var count = {n: 0, skipped: 0};
    if (root.kind === 'message') {
      box.appendChild(el('div', 'tl-note', 'one message, no actions'));
      return box;
    }
    timelineRow(box, root, 0, t0, t1, span, count, r);
    if (count.skipped) box.appendChild(el('div', 'tl-note', count.skipped + ' more actions not drawn'));
    return box;
  }

  function pct(x) { return (Math.round(x * 10000) / 10000) + '%'; }

  function timelineRow(box, a, depth, t0, t1, span, count, r) {
    if (count.n >= TL_MAX) { count.skipped++; return; }
    count.n++;
    var failed = a.status === 'failed';
    var remote = a.action_type === 'eliot:remote_task';
    var type = a.action_type === undefined || a.action_type === null ? '(unknown action)' : str(a.action_type);
    var row = el('div', 'tl-row' + (failed ? ' failed' : ''));
    row.dataset.level = str(a.level);
    var label = el('div', 'tl-label', (remote ? '\u21c4 ' : '') + type);
    label.style.paddingLeft = (4 + depth * 12) + 'px';
    label.title = type + ' ' + str(a.level);
    var track = el('div', 'tl-track');
    var start = typeof a.start === 'number' ? a.start : a._t0;
    var end = typeof a.end === 'number' ? a.end : (typeof a.start === 'number' ? t1 : a._t1);
    if (!isFinite(start)) start = t0;
    if (!isFinite(end) || end < start) end = start;
    var unfinished = typeof a.start !== 'number' || typeof a.end !== 'number';
    var bar = el('div', 'tl-bar' + (remote ? ' remote' : '') + (unfinished ? ' open' : ''));
    bar.dataset.level = str(a.level);
    bar.dataset.start = String(start);
    bar.dataset.duration = typeof a.duration === 'number' ? String(a.duration) : '';
    var left = (start - t0) / span * 100;
    var width = (end - start) / span * 100;
    bar.style.left = pct(left);
    bar.style.width = pct(width);
    bar.title = type + ' ' + (typeof a.duration === 'number' ? fmtDur(a.duration) : 'unfinished') +
        (remote ? ' \u00b7 ' + where(a) : '') + (failed ? ' \u00b7 failed: ' + str(a.exception) : '');
    track.appendChild(bar);
    var children = Array.isArray(a.children) ? a.children : [];
    children.forEach(function (c) {
      if (c && c.kind === 'message' && typeof c.timestamp === 'number') {
        var tick = el('div', 'tl-tick');
        tick.style.left = pct((c.timestamp - t0) / span * 100);
        tick.title = str(c.message_type) + ' ' + fmtTime(c.timestamp);
        track.appendChild(tick);
      }
    });
    var dur = el('span', 'tl-dur', typeof a.duration === 'number' ? fmtDur(a.duration) : 'unfinished');
    if (left + width > 80) {
      dur.style.right = pct(100 - left);
      dur.style.paddingRight = '3px';
    } else {
      dur.style.left = pct(left + width);
    }
    track.appendChild(dur);
    row.append(label, track);
    row.addEventListener('click', function () {
      reveal(r, str(a.level), true);
      setHash(str(r._t.s.task_uuid), str(a.level));
    });
    box.appendChild(row);
    children.filter(function (c) { return c && c.kind !== 'message'; })
        .sort(function (x, y) { return x._t0 - y._t0; })
        .forEach(function (c) { timelineRow(box, c, depth + 1, t0, t1, span, count, r); });
  }

  // ---- selection and links ----

  function select(target, level) {
    document.querySelectorAll('.selected').forEach(function (x) { x.classList.remove('selected'); });
    target.classList.add('selected');
    var r = target.classList.contains('task') ? target : target._row;
    if (!r) return;
    if (level !== null && level !== undefined) {
      var tl = r.querySelector('.timeline');
      if (tl) {
        for (var i = 0; i < tl.children.length; i++) {
          if (tl.children[i].dataset.level === level) tl.children[i].classList.add('selected');
        }
      }
      setHash(str(r._t.s.task_uuid), level);
    }
  }

  function setHash(uuid, level) {
    var h = '#task=' + encodeURIComponent(uuid) + (level ? '&level=' + level : '');
    lastHash = h;
    if (location.hash !== h) location.hash = h;
  }

  function findChild(e, level) {
    for (;;) {
      var c = e._body.children;
      for (var i = 0; i < c.length; i++) {
        if (c[i].classList.contains('node') && c[i].dataset.level === level) return c[i];
      }
      if (!e._more || !e._more()) {
        c = e._body.children;
        for (var j = 0; j < c.length; j++) {
          if (c[j].classList.contains('node') && c[j].dataset.level === level) return c[j];
        }
        return null;
      }
    }
  }

  function reveal(r, level, scroll) {
    var tree = r.querySelector('.tree');
    if (!tree || !tree.firstChild) return;
    var cur = tree.firstChild;
    var parts = str(level).split('/').filter(function (p) { return /^\d+$/.test(p); });
    var prefix = '';
    for (var i = 0; i < parts.length; i++) {
      prefix += '/' + parts[i];
      if (!cur.classList.contains('action')) break;
      setNodeOpen(cur, true, null);
      var next = findChild(cur, prefix);
      if (!next) break;
      cur = next;
    }
    if (cur.classList.contains('action')) setNodeOpen(cur, true, null);
    document.querySelectorAll('.selected').forEach(function (x) { x.classList.remove('selected'); });
    cur.classList.add('selected');
    var tl = r.querySelector('.timeline');
    if (tl) {
      for (var k = 0; k < tl.children.length; k++) {
        if (tl.children[k].dataset.level === cur.dataset.level) tl.children[k].classList.add('selected');
      }
    }
    if (scroll) cur.scrollIntoView({block: 'center'});
  }

  function readHash() {
    var h = location.hash.replace(/^#/, '');
    if (!h) return null;
    var p = new URLSearchParams(h);
    var task = p.get('task');
    if (!task) return null;
    return {task: task.trim(), level: p.get('level')};
  }

  function openFromHash() {
    if (location.hash === lastHash) return;
    lastHash = location.hash;
    var h = readHash();
    if (h) openTask(h.task, h.level);
  }

  function openRow(r, level) {
    return setTaskOpen(r, true).then(function () {
      if (level) {
        reveal(r, level, true);
      } else {
        select(r, null);
        r.scrollIntoView({block: 'start'});
      }
    });
  }

  function openTask(uuid, level) {
    var t = byUuid.get(uuid);
    if (t && live) {
      var shownRow = rows.get(uuid);
      if (shownRow && shownRow.isConnected) return openRow(shownRow, level);
    }
    if (!live) {
      if (!t) {
        $('load-status').textContent = 'no task ' + uuid + ' in this page';
        return Promise.resolve();
      }
      var idx = results.indexOf(t);
      if (idx < 0) {
        clearFilters();
        results = all.slice();
        renderList(false);
        showCount(null);
        idx = results.indexOf(t);
      }
      if (shown <= idx) showMore(idx + 1 - shown);
      return openRow(rows.get(uuid), level);
    }
    // Live: a task not in the list is fetched and shown above it.
    var status = $('live-status');
    status.textContent = 'opening ' + uuid + '\u2026';
    return fetchJson(taskUrl(uuid)).then(function (task) {
      var opened = $('opened');
      if (!task || !task.root || typeof task.root !== 'object') {
        status.textContent = 'no stored task ' + uuid;
        return;
      }
      status.textContent = '';
      annotate(task.root, null);
      var entry = {s: task, raw: null, full: task};
      var r = newRow(entry);
      opened.textContent = '';
      opened.append(el('div', 'notice', 'opened by uuid:'), r);
      return openRow(r, level);
    }, function (err) {
      status.textContent = 'cannot fetch ' + uuid + ': ' + err.message;
    });
  }

  // ---- live mode ----

  var liveSeq = 0;
  var liveTimer = null;

  function isoInstant(seconds) {
    var d = new Date(seconds * 1000);
    return isNaN(d.getTime()) ? String(seconds) : d.toISOString();
  }

  function liveQuery(f) {
    var p = new URLSearchParams();
    if (f.status && f.status !== 'incomplete') p.set('status', f.status);
    if (f.typeRaw) p.set('type', f.typeRaw);
    if (!isNaN(f.min)) p.set('minDuration', String(f.min));
    if (!isNaN(f.from)) p.set('since', isoInstant(f.from));
    if (!isNaN(f.to)) p.set('until', isoInstant(f.to));
    p.set('limit', '1000');
    return p.toString();
  }

  function refreshLive() {
    var f = readFilter();
    var seq = ++liveSeq;
    var status = $('live-status');
    return fetchJson(config.endpoint + '?' + liveQuery(f)).then(function (data) {
      if (seq !== liveSeq) return;
      var list = data && Array.isArray(data.tasks) ? data.tasks : [];
      var next = [];
      var nextMap = new Map();
      list.forEach(function (s) {
        if (!s || typeof s !== 'object') return;
        var uuid = str(s.task_uuid);
        var old = byUuid.get(uuid);
        var t = {s: s, raw: null, full: old && !changed(old.s, s) ? old.full : null};
        next.push(t);
        nextMap.set(uuid, t);
      });
      all = next;
      byUuid = nextMap;
      results = all.filter(function (t) { return liveMatches(t, f); });
      renderList(true);
      showCount(f);
      status.textContent = 'updated ' + new Date().toISOString().slice(11, 19) + 'Z \u00b7 ' +
          str(data && data.stored) + ' tasks stored (at most ' + str(data && data.max_tasks) + '), ' +
          str(data && data.bytes) + ' of ' + str(data && data.max_bytes) + ' bytes';
      document.body.dataset.filterSeq = String(++filterSeq);
      document.body.dataset.refreshed = String(seq);
      markReady();
    }, function (err) {
      if (seq === liveSeq) status.textContent = 'cannot reach ' + config.endpoint + ': ' + err.message;
    });
  }

  function scheduleLive() {
    clearTimeout(liveTimer);
    liveTimer = setTimeout(function () {
      if ($('live-pause').checked || document.hidden) {
        scheduleLive();
      } else {
        refreshLive().then(scheduleLive, scheduleLive);
      }
    }, config.refreshMillis || 3000);
  }

  function openTyped() {
    var uuid = $('open-uuid').value.trim();
    if (!uuid) return;
    var h = '#task=' + encodeURIComponent(uuid);
    if (location.hash === h) {
      lastHash = h;
      openTask(uuid, null);
    } else {
      location.hash = h;
    }
  }

  // ---- start ----

  function markReady() {
    if (document.body.dataset.ready === 'true') return;
    document.body.dataset.readyMs = String(Math.round(performance.now()));
    document.body.dataset.ready = 'true';
    openFromHash();
  }

  ['search', 'type-filter', 'min-duration', 'time-from', 'time-to'].forEach(function (id) {
    $(id).addEventListener('input', scheduleFilter);
  });
  $('status-filter').addEventListener('change', applyFilter);
  $('clear-filters').addEventListener('click', function () { clearFilters(); applyFilter(); });
  $('more').addEventListener('click', function () { showMore(PAGE); });
  window.addEventListener('hashchange', openFromHash);

  if (live) {
    $('live-bar').hidden = false;
    $('load-status').textContent = 'live: ' + config.endpoint;
    $('open-button').addEventListener('click', openTyped);
    $('open-uuid').addEventListener('keydown', function (ev) { if (ev.key === 'Enter') openTyped(); });
    $('live-pause').addEventListener('change', function () { if (!$('live-pause').checked) refreshLive(); });
    refreshLive().then(scheduleLive, scheduleLive);
  } else {
    var began = performance.now();
    var bad = loadStatic();
    results = all.slice();
    renderList(false);
    showCount(null);
    $('load-status').textContent = all.length + (all.length === 1 ? ' task' : ' tasks') +
        (bad ? ', ' + bad + ' unreadable' : '') + ' \u00b7 read in ' + Math.round(performance.now() - began) + ' ms';
    markReady();
  }
})();
