import { pageHelpersScript } from './page-helpers-script.js';
import { pageStyleCss } from './page-style.js';

/**
 * The resident's chat (`/`). The resident's private chat id is random per browser and kept in
 * localStorage; `?embed=1` gives the compact version the console shows in its left pane.
 */

const chatCss = `
.app { display: flex; flex-direction: column; height: 100vh; height: 100dvh; max-width: 760px; margin: 0 auto; background: var(--bg); }
@media (min-width: 780px) { body:not(.embed) .app { border-left: 1px solid var(--line); border-right: 1px solid var(--line); } }
.top { background: var(--panel); border-bottom: 1px solid var(--line); padding: 10px 14px 8px; }
.title-row { display: flex; align-items: center; gap: 10px; }
.top h1 { font-size: 17px; margin: 0; flex: 1; font-weight: 600; }
.top .hint { margin: 4px 0 0; }
.session { font-size: 11px; color: var(--muted); font-family: ui-monospace, SFMono-Regular, Menlo, monospace; }
.btn.small { font-size: 13px; padding: 3px 10px; }
.composer { padding-bottom: calc(8px + env(safe-area-inset-bottom)); }
body.embed .top { padding: 6px 10px; }
body.embed .top h1 { font-size: 15px; }
body.embed .top .hint { font-size: 11px; }
body.embed .session { display: none; }
`;

const chatScript = String.raw`
(function () {
  'use strict';
  var ID_KEY = 'hotline.resident.id';
  var msgs = document.getElementById('msgs');
  var input = document.getElementById('input');
  var sendButton = document.getElementById('send');
  var offline = document.getElementById('offline');
  var sessionLabel = document.getElementById('session');
  var embedded = /[?&]embed=1(&|$)/.test(location.search);
  if (embedded) document.body.classList.add('embed');

  var chatId = null;
  var store = null;
  var generation = 0;
  var timer = null;
  var inFlight = false;
  var again = false;
  var failures = 0;

  function randomResidentId() {
    var bytes = new Uint8Array(10);
    window.crypto.getRandomValues(bytes);
    return 'r-' + Array.prototype.map.call(bytes, function (b) { return (b % 36).toString(36); }).join('');
  }

  function loadIdentity() {
    var id = null;
    try { id = localStorage.getItem(ID_KEY); } catch (e) { id = null; }
    if (!id || !/^r-[a-z0-9]{4,40}$/.test(id)) {
      id = randomResidentId();
      try { localStorage.setItem(ID_KEY, id); } catch (e) { /* identity lasts for this page only */ }
    }
    return id;
  }

  var handlers = {
    onNumber: function (number) { hl.fillCommand(input, '查询 ' + number); },
    onAction: function (action, chip) {
      if (hl.needsText(action)) { hl.fillCommand(input, action.command); return; }
      chip.disabled = true;
      setTimeout(function () { chip.disabled = false; }, 1500);
      send(action.command);
    },
  };

  var view = hl.createView(msgs, '您好！请直接描述您遇到的问题，\n比如发生了什么、在什么地方、持续了多久。', function (item) {
    var opts = { onNumber: handlers.onNumber, onAction: handlers.onAction };
    if (item.status === 'failed') opts.onRetry = function () { deliver(item, store, generation); };
    return opts;
  });
  var renderItem = view.render;

  function send(text) {
    var item = { id: hl.newId(), mine: true, text: text, at: Date.now(), status: 'sending' };
    store.add(item);
    renderItem(item);
    deliver(item, store, generation);
    return true;
  }

  async function deliver(item, itemStore, itemGeneration) {
    item.status = 'sending';
    if (itemGeneration === generation) renderItem(item);
    // The same id on a retry lets the server drop a copy that did arrive the first time.
    var r = await hl.sendMessage(chatId, chatId, item.text, item.id);
    item.status = r.ok ? 'sent' : 'failed';
    item.error = r.ok ? undefined : r.error.message;
    itemStore.update(item);
    if (itemGeneration !== generation) return;
    renderItem(item);
    if (r.ok) {
      schedule(300);
      if (embedded) {
        try { window.parent.postMessage({ type: 'hotline:resident-sent', chat: chatId }, location.origin); } catch (e) { /* not framed by us */ }
      }
    }
  }

  function pollDelay() {
    if (failures > 0) return Math.min(1000 * Math.pow(2, failures), 15000);
    return document.hidden ? 5000 : 1000;
  }

  function schedule(ms) {
    if (timer) clearTimeout(timer);
    timer = setTimeout(poll, ms);
  }

  async function poll() {
    timer = null;
    if (inFlight) { again = true; return; }
    inFlight = true;
    var pollGeneration = generation;
    var pollStore = store;
    var r = await hl.fetchMessages(chatId, pollStore.cursor);
    inFlight = false;
    if (pollGeneration !== generation) { schedule(0); return; }
    if (r.ok) {
      failures = 0;
      offline.hidden = true;
      r.messages.forEach(function (m) {
        if (pollStore.has(m.id)) return;
        var item = { id: m.id, mine: false, text: m.text, actions: m.actions, at: m.at === null ? Date.now() : m.at };
        pollStore.add(item);
        renderItem(item);
      });
      if (r.cursor !== pollStore.cursor) pollStore.cursor = r.cursor;
    } else if (r.status >= 400 && r.status < 500 && pollStore.cursor !== null) {
      renderItem(pollStore.restart());
    } else {
      failures++;
      offline.hidden = failures < 2;
    }
    schedule(again ? 150 : pollDelay());
    again = false;
  }

  function start(id) {
    generation++;
    chatId = id;
    store = hl.createStore('hotline.chat.' + id, 300);
    store.items.forEach(function (item) {
      if (item.status === 'sending') { item.status = 'failed'; item.error = '页面刷新前未确认送达'; }
    });
    sessionLabel.textContent = '会话 ' + id;
    sessionLabel.title = '本浏览器的匿名会话号';
    view.renderAll(store.items);
    schedule(0);
  }

  document.getElementById('new-session').addEventListener('click', function () {
    if (store.items.length > 0 && !window.confirm('开始新会话？当前聊天记录将被清除。')) return;
    store.clear();
    var id = randomResidentId();
    try { localStorage.setItem(ID_KEY, id); } catch (e) { /* identity lasts for this page only */ }
    start(id);
    input.focus();
  });

  document.addEventListener('visibilitychange', function () { if (!document.hidden) schedule(0); });
  hl.bindComposer(input, sendButton, document.getElementById('fill-hint'), send);
  start(loadIdentity());
})();
`;

export const chatPageHtml = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<title>12345 政务服务便民热线</title>
<style>${pageStyleCss}${chatCss}</style>
</head>
<body>
<div class="app">
  <header class="top">
    <div class="title-row">
      <h1>12345 政务服务便民热线</h1>
      <span id="session" class="session"></span>
      <button id="new-session" class="btn small" type="button">新会话</button>
    </div>
    <p class="hint">在线反映问题、提出建议。已有工单可发送「查询」看进度，「补充 工单号 内容」补充情况，「撤销 工单号」撤回诉求。</p>
  </header>
  <div id="offline" class="banner" hidden>连接中断，正在重试…</div>
  <main id="msgs" class="msgs" role="log" aria-live="polite"></main>
  <div id="fill-hint" class="fill-hint" aria-live="polite"></div>
  <footer class="composer">
    <textarea id="input" rows="1" placeholder="请描述您遇到的问题…" title="Enter 发送，Shift+Enter 换行" aria-label="输入消息"></textarea>
    <button id="send" class="btn send" type="button">发送</button>
  </footer>
</div>
<script>${pageHelpersScript}${chatScript}</script>
</body>
</html>
`;
