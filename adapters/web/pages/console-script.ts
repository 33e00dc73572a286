/**
 * Browser JS of the console: one column per group chat from the directory, a shared poll scheduler
 * and the unread strip. Runs after `pageHelpersScript` (uses its `hl`). Same rules as there: no
 * backtick, no dollar-brace, message text only through textContent.
 */
// biome-ignore lint/complexity/noUselessStringRaw: raw keeps any regex backslash added later intact
export const consoleScript = String.raw`
(function () {
  'use strict';
  var board = document.getElementById('board');
  var resident = document.getElementById('resident');
  var filterInput = document.getElementById('filter');
  var countEl = document.getElementById('count');
  var unreadEl = document.getElementById('unread');
  var offline = document.getElementById('offline');
  var loading = document.getElementById('loading');
  var toggle = document.getElementById('toggle-resident');
  var OUTSIDER = { id: 'outsider', name: '非成员(测试)' };
  // Few requests at a time, visible columns often, the rest rarely: a county has dozens of departments.
  var MAX_IN_FLIGHT = 3;
  var columns = [];
  var inFlight = 0;
  var failures = 0;
  var observer = null;

  function list(value) { return Array.isArray(value) ? value : []; }
  function person(p) {
    if (!p || typeof p.id !== 'string') return null;
    return { id: p.id, name: typeof p.name === 'string' && p.name ? p.name : p.id };
  }
  function people(value) { return list(value).map(person).filter(Boolean); }

  function groupsOf(dir) {
    var groups = [];
    if (dir.staff && typeof dir.staff.chat === 'string') {
      groups.push({ kind: 'staff', name: '热线办（工作人员群）', id: 'staff', chat: dir.staff.chat, people: people(dir.staff.members) });
    }
    if (dir.supervisors && typeof dir.supervisors.chat === 'string') {
      groups.push({ kind: 'supervisors', name: '督办领导群', id: 'supervisors', chat: dir.supervisors.chat, people: people(dir.supervisors.members) });
    }
    list(dir.departments).forEach(function (d) {
      if (!d || typeof d.chat !== 'string') return;
      var name = typeof d.name === 'string' && d.name ? d.name : String(d.id);
      groups.push({ kind: 'department', name: name, id: String(d.id), chat: d.chat, people: people(d.officials) });
    });
    return groups;
  }

  function speaker(c) {
    var id = c.select.value;
    var p = c.group.people.concat([OUTSIDER]).find(function (x) { return x.id === id; });
    return { id: id, name: p ? p.name : id };
  }

  function send(c, text) {
    var who = speaker(c);
    var item = { id: hl.newId(), mine: true, from: who.id, who: who.name, text: text, at: Date.now(), status: 'sending' };
    c.store.add(item);
    c.view.render(item);
    deliver(c, item);
    return true;
  }

  async function deliver(c, item) {
    var epoch = c.epoch;
    item.status = 'sending';
    c.view.render(item);
    var r = await hl.sendMessage(c.chat, item.from, item.text, item.id);
    if (epoch !== c.epoch) return;
    item.status = r.ok ? 'sent' : 'failed';
    item.error = r.ok ? undefined : r.error.message;
    c.store.update(item);
    c.view.render(item);
    if (r.ok) hurry(c);
  }

  /** A command in one group usually makes the bot post in others (改派, 督办): look sooner everywhere. */
  function hurry(origin) {
    var now = Date.now();
    columns.forEach(function (c) {
      var soon = c === origin ? 300 : c.visible && !c.filtered ? 800 : 2000;
      c.nextAt = Math.min(c.nextAt, now + soon);
    });
  }

  function buildColumn(group) {
    var c = { group: group, chat: group.chat, nextAt: 0, inFlight: false, visible: true, filtered: false,
      unread: 0, failures: 0, loaded: false, epoch: 0 };
    c.store = hl.createStore('hotline.console.' + group.chat, 150);
    c.store.items.forEach(function (item) {
      if (item.status === 'sending') { item.status = 'failed'; item.error = '页面刷新前未确认送达'; }
    });
    var col = hl.el('section', 'col kind-' + group.kind);
    var head = hl.el('div', 'col-head');
    var titleBox = hl.el('div', 'col-title-box');
    var title = hl.el('div', 'col-title', group.name);
    c.badge = hl.el('span', 'badge', '');
    title.appendChild(c.badge);
    titleBox.appendChild(title);
    titleBox.appendChild(hl.el('div', 'col-sub', group.chat + ' · ' + group.people.length + ' 人'));
    var clear = hl.el('button', 'btn small', '清空');
    clear.type = 'button';
    clear.title = '清空本栏记录，从头重新读取';
    head.appendChild(titleBox);
    head.appendChild(clear);

    c.msgs = hl.el('div', 'msgs');
    c.msgs.setAttribute('role', 'log');
    c.view = hl.createView(c.msgs, '暂无消息', function (item) {
      var opts = {
        onNumber: function (number) { hl.fillCommand(c.input, '查询 ' + number); },
        onAction: function (action, chip) {
          if (hl.needsText(action)) { hl.fillCommand(c.input, action.command); return; }
          chip.disabled = true;
          setTimeout(function () { chip.disabled = false; }, 1500);
          send(c, action.command);
        },
      };
      if (item.status === 'failed') opts.onRetry = function () { deliver(c, item); };
      return opts;
    });

    var foot = hl.el('div', 'col-foot');
    var asRow = hl.el('label', 'as', '发言身份');
    c.select = hl.el('select', 'field');
    group.people.concat([OUTSIDER]).forEach(function (p) {
      var option = hl.el('option', '', p === OUTSIDER ? p.name : p.name + '（' + p.id + '）');
      option.value = p.id;
      c.select.appendChild(option);
    });
    var asKey = 'hotline.console.as.' + group.chat;
    try {
      var saved = localStorage.getItem(asKey);
      if (saved && Array.prototype.some.call(c.select.options, function (o) { return o.value === saved; })) c.select.value = saved;
    } catch (e) { /* keep the first member */ }
    c.select.addEventListener('change', function () {
      try { localStorage.setItem(asKey, c.select.value); } catch (e) { /* not remembered */ }
    });
    asRow.appendChild(c.select);
    var hint = hl.el('div', 'fill-hint');
    var composer = hl.el('div', 'composer');
    c.input = hl.el('textarea');
    c.input.rows = 1;
    c.input.placeholder = '以所选身份发言…';
    c.input.title = 'Enter 发送，Shift+Enter 换行';
    c.input.setAttribute('aria-label', group.name + ' 输入消息');
    var sendButton = hl.el('button', 'btn send', '发送');
    sendButton.type = 'button';
    composer.appendChild(c.input);
    composer.appendChild(sendButton);
    foot.appendChild(asRow);
    foot.appendChild(hint);
    foot.appendChild(composer);
    col.appendChild(head);
    col.appendChild(c.msgs);
    col.appendChild(foot);
    c.el = col;

    hl.bindComposer(c.input, sendButton, hint, function (text) { return send(c, text); });
    clear.addEventListener('click', function () {
      c.epoch++;
      c.store.clear();
      c.loaded = false;
      c.unread = 0;
      c.view.renderAll(c.store.items);
      c.nextAt = 0;
      updateUnread();
    });
    c.view.renderAll(c.store.items);
    return c;
  }

  function period(c) {
    if (c.failures > 0) return Math.min(2000 * Math.pow(2, c.failures), 20000);
    if (document.hidden) return 10000;
    if (c.filtered) return 8000;
    return c.visible ? 1500 : 5000;
  }

  async function poll(c) {
    c.inFlight = true;
    inFlight++;
    var epoch = c.epoch;
    var r = await hl.fetchMessages(c.chat, c.store.cursor);
    c.inFlight = false;
    inFlight--;
    if (epoch === c.epoch) {
      if (r.ok) {
        c.failures = 0;
        failures = 0;
        var fresh = 0;
        r.messages.forEach(function (m) {
          if (c.store.has(m.id)) return;
          var item = { id: m.id, mine: false, who: '热线机器人', text: m.text, actions: m.actions,
            at: m.at === null ? Date.now() : m.at };
          c.store.add(item);
          c.view.render(item);
          fresh++;
        });
        if (r.cursor !== c.store.cursor) c.store.cursor = r.cursor;
        // The first read of a column is history, not news.
        if (fresh > 0 && c.loaded && (!c.visible || c.filtered || document.hidden)) c.unread += fresh;
        c.loaded = true;
        updateUnread();
      } else if (r.status >= 400 && r.status < 500 && c.store.cursor !== null) {
        c.view.render(c.store.restart());
      } else {
        c.failures++;
        failures++;
      }
    }
    offline.hidden = failures < 3;
    c.nextAt = Date.now() + period(c);
  }

  function tick() {
    var now = Date.now();
    var due = columns.filter(function (c) { return !c.inFlight && c.nextAt <= now; });
    due.sort(function (a, b) { return a.nextAt - b.nextAt; });
    for (var i = 0; i < due.length && inFlight < MAX_IN_FLIGHT; i++) poll(due[i]);
  }

  function updateUnread() {
    var total = 0;
    unreadEl.textContent = '';
    columns.forEach(function (c) {
      c.badge.textContent = c.unread > 0 ? String(c.unread) : '';
      if (c.unread === 0) return;
      total += c.unread;
      var pill = hl.el('button', 'pill', c.group.name + ' ' + c.unread);
      pill.type = 'button';
      pill.title = '有新消息，点击查看';
      pill.addEventListener('click', function () { reveal(c); });
      unreadEl.appendChild(pill);
    });
    document.title = (total > 0 ? '(' + total + ') ' : '') + '12345 热线 · 控制台';
  }

  function reveal(c) {
    if (c.filtered) { filterInput.value = ''; applyFilter(); }
    c.el.scrollIntoView({ behavior: 'smooth', inline: 'start', block: 'nearest' });
    c.unread = 0;
    updateUnread();
  }

  function applyFilter() {
    var q = filterInput.value.trim().toLowerCase();
    var shown = 0;
    var total = 0;
    columns.forEach(function (c) {
      if (c.group.kind !== 'department') return;
      total++;
      var hit = !q || [c.group.name, c.group.id, c.chat].some(function (s) { return s.toLowerCase().indexOf(q) >= 0; });
      if (c.filtered && hit) c.nextAt = Math.min(c.nextAt, Date.now() + 200);
      c.filtered = !hit;
      c.el.hidden = !hit;
      if (hit) shown++;
    });
    countEl.textContent = q ? '显示 ' + shown + ' / ' + total + ' 个单位' : total + ' 个单位';
  }

  /** Visibility excludes what the sticky resident pane covers, so unread counts stay honest. */
  function observe() {
    if (!('IntersectionObserver' in window)) return;
    if (observer) observer.disconnect();
    var covered = !resident.hidden && getComputedStyle(resident).position === 'sticky' ? resident.offsetWidth + 10 : 0;
    observer = new IntersectionObserver(function (entries) {
      var now = Date.now();
      entries.forEach(function (entry) {
        var c = columns.find(function (x) { return x.el === entry.target; });
        if (!c) return;
        c.visible = entry.isIntersecting;
        if (c.visible) { c.unread = 0; c.nextAt = Math.min(c.nextAt, now + 100); }
      });
      updateUnread();
    }, { root: board, rootMargin: '0px 0px 0px -' + covered + 'px', threshold: 0.3 });
    columns.forEach(function (c) { observer.observe(c.el); });
  }

  function setResidentShown(shown) {
    resident.hidden = !shown;
    document.body.classList.toggle('no-resident', !shown);
    toggle.textContent = shown ? '隐藏群众端' : '显示群众端';
    try { localStorage.setItem('hotline.console.resident', shown ? 'shown' : 'hidden'); } catch (e) { /* not remembered */ }
    observe();
  }

  async function load() {
    loading.hidden = false;
    loading.textContent = '正在读取通讯录…';
    var r = await hl.fetchDirectory();
    if (!r.ok || !r.data || typeof r.data !== 'object') {
      loading.textContent = '通讯录读取失败：' + (r.ok ? '格式不对' : r.error.message) + '  ';
      var retry = hl.el('button', 'btn small', '重试');
      retry.type = 'button';
      retry.addEventListener('click', load);
      loading.appendChild(retry);
      return;
    }
    loading.hidden = true;
    columns = groupsOf(r.data).map(buildColumn);
    columns.forEach(function (c) { board.appendChild(c.el); });
    applyFilter();
    observe();
    setInterval(tick, 200);
  }

  var savedPane = null;
  try { savedPane = localStorage.getItem('hotline.console.resident'); } catch (e) { savedPane = null; }
  setResidentShown(savedPane !== 'hidden');
  toggle.addEventListener('click', function () { setResidentShown(resident.hidden); });
  filterInput.addEventListener('input', applyFilter);
  var resizeTimer = null;
  window.addEventListener('resize', function () { clearTimeout(resizeTimer); resizeTimer = setTimeout(observe, 250); });
  document.addEventListener('visibilitychange', function () {
    if (!document.hidden) columns.forEach(function (c) { c.nextAt = Math.min(c.nextAt, Date.now() + 300); });
  });
  // The resident pane tells us when it sent: the bot's answer may land in any department's group.
  window.addEventListener('message', function (e) {
    if (e.origin === location.origin && e.data && e.data.type === 'hotline:resident-sent') hurry(null);
  });
  load();
})();
`;
