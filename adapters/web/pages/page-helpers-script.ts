/**
 * Browser JS shared by both pages: the HTTP contract, message rendering, the composer and a small
 * local transcript store. Plain JS inside `String.raw` so regex backslashes survive; it must never
 * contain a backtick or a dollar-brace, and never builds HTML from message text (messages are
 * untrusted: everything goes through textContent).
 */
export const pageHelpersScript = String.raw`
var hl = (function () {
  'use strict';
  /** Words an action's command carries where the official or resident must write something. */
  var PLACEHOLDERS = ['答复内容', '补充内容', '单位名称', '理由', '天数'];
  var ORDER_NUMBER = /^[A-Z]{1,4}\d{12,}$/;

  function splitOrderNumbers(text) {
    var parts = [];
    var last = 0;
    var re = /[A-Za-z0-9]+/g;
    var m;
    while ((m = re.exec(text)) !== null) {
      if (!ORDER_NUMBER.test(m[0])) continue;
      if (m.index > last) parts.push({ text: text.slice(last, m.index) });
      parts.push({ text: m[0], number: m[0] });
      last = m.index + m[0].length;
    }
    if (last < text.length) parts.push({ text: text.slice(last) });
    return parts;
  }

  function placeholderRange(text, from) {
    var best = null;
    for (var i = 0; i < PLACEHOLDERS.length; i++) {
      var at = text.indexOf(PLACEHOLDERS[i], from || 0);
      if (at >= 0 && (best === null || at < best.start)) best = { start: at, end: at + PLACEHOLDERS[i].length };
    }
    return best;
  }

  function needsText(action) {
    return action.needsText === true || placeholderRange(action.command, 0) !== null;
  }

  /** Keeps only well-formed messages and actions: the server is trusted for shape, not for content. */
  function normalizeMessage(raw) {
    if (!raw || typeof raw !== 'object' || raw.id === undefined || raw.id === null) return null;
    var actions = Array.isArray(raw.actions) ? raw.actions.filter(function (a) {
      return a && typeof a.label === 'string' && typeof a.command === 'string';
    }).map(function (a) {
      return { label: a.label, command: a.command, needsText: a.needsText === true,
        style: a.style === 'primary' || a.style === 'danger' ? a.style : 'default' };
    }) : [];
    return { id: String(raw.id), text: typeof raw.text === 'string' ? raw.text : '', actions: actions,
      at: typeof raw.at === 'string' || typeof raw.at === 'number' ? raw.at : null };
  }

  function newId() {
    if (window.crypto && typeof window.crypto.randomUUID === 'function') return window.crypto.randomUUID();
    // randomUUID exists only in secure contexts; a LAN address over http still has getRandomValues.
    var b = new Uint8Array(16);
    window.crypto.getRandomValues(b);
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  function formatTime(at) {
    if (at === null || at === undefined) return '';
    var d = new Date(at);
    if (isNaN(d.getTime())) return '';
    var two = function (n) { return (n < 10 ? '0' : '') + n; };
    var hm = two(d.getHours()) + ':' + two(d.getMinutes());
    return d.toDateString() === new Date().toDateString() ? hm : (d.getMonth() + 1) + '/' + d.getDate() + ' ' + hm;
  }

  async function request(method, path, body) {
    var res;
    try {
      res = await fetch(path, {
        method: method, cache: 'no-store',
        headers: body ? { 'content-type': 'application/json' } : {},
        body: body ? JSON.stringify(body) : undefined,
      });
    } catch (e) {
      return { ok: false, status: 0, error: { code: 'network', message: '网络连接失败，请稍后再试' } };
    }
    var data = null;
    try { data = await res.json(); } catch (e) { data = null; }
    if (res.ok) return { ok: true, status: res.status, data: data };
    var err = data && data.error && typeof data.error === 'object' ? data.error : {};
    return { ok: false, status: res.status, error: {
      code: typeof err.code === 'string' ? err.code : 'http_' + res.status,
      message: typeof err.message === 'string' ? err.message : '请求失败（' + res.status + '）',
    } };
  }

  function sendMessage(chat, from, text, id) {
    return request('POST', '/api/web/messages', { chat: chat, from: from, text: text, id: id });
  }

  async function fetchMessages(chat, cursor) {
    var url = '/api/web/messages?chat=' + encodeURIComponent(chat);
    if (cursor !== null && cursor !== undefined && cursor !== '') url += '&after=' + encodeURIComponent(String(cursor));
    var r = await request('GET', url);
    if (!r.ok) return r;
    var list = r.data && Array.isArray(r.data.messages) ? r.data.messages : [];
    var next = r.data && r.data.cursor !== undefined && r.data.cursor !== null ? r.data.cursor : cursor;
    return { ok: true, status: r.status, messages: list.map(normalizeMessage).filter(Boolean), cursor: next };
  }

  function fetchDirectory() {
    return request('GET', '/api/web/directory');
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function renderText(target, text, onNumber) {
    splitOrderNumbers(text).forEach(function (part) {
      if (!part.number || !onNumber) { target.appendChild(document.createTextNode(part.text)); return; }
      var link = el('button', 'order-no', part.text);
      link.type = 'button';
      link.title = '点击查询此工单';
      link.addEventListener('click', function () { onNumber(part.number); });
      target.appendChild(link);
    });
  }

  /**
   * One message row. item: { mine, text, actions, at, who, status, error }.
   * opts: { onNumber(number), onAction(action, button), onRetry() }.
   */
  function renderMessage(item, opts) {
    if (item.divider) return el('div', 'divider', item.text);
    var row = el('div', 'msg ' + (item.mine ? 'me' : 'bot'));
    var meta = [item.who, formatTime(item.at)].filter(Boolean).join(' · ');
    if (meta) row.appendChild(el('div', 'meta', meta));
    var bubble = el('div', 'bubble');
    renderText(bubble, item.text, opts.onNumber);
    row.appendChild(bubble);
    if (item.actions && item.actions.length) {
      var chips = el('div', 'chips');
      item.actions.forEach(function (action) {
        var chip = el('button', 'chip ' + action.style + (needsText(action) ? ' fill' : ''), action.label);
        chip.type = 'button';
        chip.title = needsText(action) ? '填入输入框：' + action.command : '发送：' + action.command;
        chip.addEventListener('click', function () { opts.onAction(action, chip); });
        chips.appendChild(chip);
      });
      row.appendChild(chips);
    }
    if (item.status === 'sending') row.appendChild(el('div', 'status', '发送中…'));
    if (item.status === 'failed') {
      var status = el('div', 'status error', '发送失败：' + (item.error || ''));
      if (opts.onRetry) {
        var retry = el('button', '', '重试');
        retry.type = 'button';
        retry.addEventListener('click', opts.onRetry);
        status.appendChild(retry);
      }
      row.appendChild(status);
    }
    return row;
  }

  /** A message list that re-renders a row in place when its status changes. optsFor(item) gives renderMessage's opts. */
  function createView(container, emptyText, optsFor) {
    var rows = {};
    function nearBottom() { return container.scrollHeight - container.scrollTop - container.clientHeight < 80; }
    function render(item) {
      var row = renderMessage(item, optsFor(item));
      var old = rows[item.id];
      if (old && old.parentNode === container) container.replaceChild(row, old);
      else {
        var empty = container.querySelector('.empty');
        if (empty) empty.remove();
        var stick = item.mine || nearBottom();
        container.appendChild(row);
        if (stick) container.scrollTop = container.scrollHeight;
      }
      rows[item.id] = row;
    }
    function renderAll(items) {
      container.textContent = '';
      rows = {};
      if (items.length === 0) container.appendChild(el('div', 'empty', emptyText));
      items.forEach(render);
      container.scrollTop = container.scrollHeight;
    }
    return { render: render, renderAll: renderAll };
  }

  /** Puts a command in the input and selects its first placeholder so typing replaces it. */
  function fillCommand(input, command) {
    input.value = command;
    input.dataset.filled = command;
    input.focus();
    var range = placeholderRange(command, 0);
    if (range) input.setSelectionRange(range.start, range.end);
    else {
      if (!/\s$/.test(command)) input.value = command + ' ';
      input.setSelectionRange(input.value.length, input.value.length);
    }
    input.dispatchEvent(new Event('input'));
  }

  /**
   * Enter sends, Shift+Enter breaks the line, Enter while an IME is composing does neither;
   * Tab jumps to the next placeholder. onSend(text) returns whether the text was taken.
   */
  function bindComposer(input, sendButton, hintEl, onSend) {
    var composing = false;
    function refresh() {
      input.style.height = 'auto';
      input.style.height = Math.min(input.scrollHeight + 2, 140) + 'px';
      sendButton.disabled = input.value.trim() === '';
      var range = placeholderRange(input.value, 0);
      hintEl.textContent = range && input.dataset.filled
        ? '请把「' + input.value.slice(range.start, range.end) + '」改为实际内容（Tab 跳到下一处）' : '';
    }
    function submit() {
      var text = input.value.trim();
      if (!text) return;
      if (input.dataset.filled && input.value === input.dataset.filled && placeholderRange(text, 0)) {
        hintEl.textContent = '请先填写内容再发送';
        return;
      }
      if (onSend(text) === false) return;
      input.value = '';
      delete input.dataset.filled;
      refresh();
    }
    input.addEventListener('compositionstart', function () { composing = true; });
    input.addEventListener('compositionend', function () { composing = false; });
    input.addEventListener('input', refresh);
    input.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' && !e.shiftKey && !composing && !e.isComposing && e.keyCode !== 229) {
        e.preventDefault();
        submit();
      } else if (e.key === 'Tab' && !e.shiftKey && input.dataset.filled) {
        var next = placeholderRange(input.value, input.selectionEnd) || placeholderRange(input.value, 0);
        if (next) { e.preventDefault(); input.setSelectionRange(next.start, next.end); }
      }
    });
    sendButton.addEventListener('click', function () { submit(); input.focus(); });
    refresh();
    return { refresh: refresh };
  }

  /**
   * A chat's transcript in localStorage: what was sent (the API never echoes it) and the bot's replies.
   * items[since..] are the ones that count for de-duplication: a rejected cursor means the server's
   * history changed (restart, wiped database) and its message ids may start over.
   */
  function createStore(key, cap) {
    var state = { cursor: null, items: [], since: 0 };
    try {
      var saved = JSON.parse(localStorage.getItem(key) || 'null');
      if (saved && Array.isArray(saved.items)) {
        state = { cursor: saved.cursor === undefined ? null : saved.cursor, items: saved.items,
          since: typeof saved.since === 'number' ? saved.since : 0 };
      }
    } catch (e) { /* storage unavailable or corrupt: start empty */ }
    function save() {
      var extra = state.items.length - cap;
      if (extra > 0) { state.items = state.items.slice(extra); state.since = Math.max(0, state.since - extra); }
      try { localStorage.setItem(key, JSON.stringify(state)); } catch (e) { /* full or disabled: keep in memory */ }
    }
    return {
      get cursor() { return state.cursor; },
      set cursor(value) { state.cursor = value; save(); },
      get items() { return state.items; },
      has: function (id) {
        for (var i = state.since; i < state.items.length; i++) if (state.items[i].id === id) return true;
        return false;
      },
      add: function (item) { state.items.push(item); save(); },
      update: function (item) { save(); return item; },
      /** Starts reading from the beginning again; returns the divider item to show. */
      restart: function () {
        var divider = { id: 'restart-' + Date.now(), divider: true, text: '以下为重新读取的记录' };
        state.items.push(divider);
        state.since = state.items.length;
        state.cursor = null;
        save();
        return divider;
      },
      clear: function () { state = { cursor: null, items: [], since: 0 }; try { localStorage.removeItem(key); } catch (e) { /* ignore */ } },
    };
  }

  return {
    splitOrderNumbers: splitOrderNumbers, placeholderRange: placeholderRange, needsText: needsText,
    normalizeMessage: normalizeMessage, newId: newId, formatTime: formatTime, sendMessage: sendMessage,
    fetchMessages: fetchMessages, fetchDirectory: fetchDirectory, el: el, renderMessage: renderMessage, createView: createView,
    fillCommand: fillCommand, bindComposer: bindComposer, createStore: createStore,
  };
})();
`;
