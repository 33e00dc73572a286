import { consoleScript } from './console-script.js';
import { pageHelpersScript } from './page-helpers-script.js';
import { pageStyleCss } from './page-style.js';

/**
 * The console (`/console`): the resident chat on the left, then the staff group, the supervisors'
 * group and every department's group as columns, so one person can play the whole loop.
 */

const consoleCss = `
:root { --resident-w: 360px; --col-w: 340px; }
body { display: flex; flex-direction: column; height: 100vh; height: 100dvh; overflow: hidden; }
.bar { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 12px; padding: 8px 12px; background: var(--panel); border-bottom: 1px solid var(--line); }
.bar h1 { font-size: 16px; margin: 0; font-weight: 600; white-space: nowrap; }
.bar .field { width: 200px; font-size: 14px; }
.unread { display: flex; flex-wrap: wrap; gap: 6px; flex: 1; min-width: 0; }
.pill { border: 0; border-radius: 999px; background: var(--danger); color: #fff; font-size: 12px; padding: 2px 10px; cursor: pointer; }
.btn.small { font-size: 12px; padding: 2px 8px; }
.board {
  flex: 1; min-height: 0; display: flex; gap: 10px; padding: 10px; overflow-x: auto; overflow-y: hidden;
  scroll-padding-inline-start: calc(var(--resident-w) + 20px);
}
body.no-resident .board { scroll-padding-inline-start: 10px; }
.col {
  flex: 0 0 var(--col-w); display: flex; flex-direction: column; min-height: 0; background: var(--bg);
  border: 1px solid var(--line); border-radius: 8px; overflow: hidden;
}
.col[hidden] { display: none; }
.col.resident {
  flex-basis: var(--resident-w); position: sticky; left: 0; z-index: 2;
  box-shadow: -11px 0 0 var(--bg), 6px 0 10px -6px rgba(0, 0, 0, .25);
}
.col.resident iframe { flex: 1; width: 100%; border: 0; background: var(--bg); }
.col-head { display: flex; align-items: flex-start; gap: 8px; padding: 7px 10px; background: var(--panel); border-bottom: 1px solid var(--line); border-top: 3px solid #9aa0a6; }
.kind-staff .col-head { border-top-color: #1f7aec; }
.kind-supervisors .col-head { border-top-color: var(--danger); }
.kind-department .col-head { border-top-color: var(--accent); }
.col-title-box { flex: 1; min-width: 0; }
.col-title { font-weight: 600; font-size: 14px; }
.col-sub { font-size: 11px; color: var(--muted); font-family: ui-monospace, SFMono-Regular, Menlo, monospace; overflow-wrap: anywhere; }
.col-head a { font-size: 12px; color: var(--link); white-space: nowrap; }
.badge { display: inline-block; background: var(--danger); color: #fff; border-radius: 999px; font-size: 11px; line-height: 16px; padding: 0 6px; margin-left: 6px; vertical-align: 1px; }
.badge:empty { display: none; }
.col .msgs { padding: 10px 8px; }
.col .msg { max-width: 94%; }
.col-foot { background: var(--panel); border-top: 1px solid var(--line); }
.as { display: flex; align-items: center; gap: 6px; padding: 6px 8px 2px; font-size: 12px; color: var(--muted); }
.as select { flex: 1; min-width: 0; font-size: 13px; padding: 3px 6px; }
.col-foot .composer { border-top: 0; padding-top: 4px; }
#loading { align-self: center; margin: auto; }
@media (max-width: 760px) {
  :root { --col-w: calc(100vw - 24px); --resident-w: calc(100vw - 24px); }
  .board { padding: 6px; gap: 6px; scroll-snap-type: x mandatory; scroll-padding-inline-start: 6px; }
  .col { scroll-snap-align: start; }
  .col.resident { position: static; box-shadow: none; }
  .bar .field { flex: 1; width: auto; min-width: 120px; font-size: 16px; }
  .as select { font-size: 16px; }
}
`;

export const consolePageHtml = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<title>12345 热线 · 控制台</title>
<style>${pageStyleCss}${consoleCss}</style>
</head>
<body>
<header class="bar">
  <h1>12345 热线 · 控制台</h1>
  <input id="filter" class="field" type="search" placeholder="按名称筛选单位" aria-label="按名称筛选单位">
  <span id="count" class="hint"></span>
  <div id="unread" class="unread" aria-live="polite"></div>
  <button id="toggle-resident" class="btn small" type="button">隐藏群众端</button>
</header>
<div id="offline" class="banner" hidden>连接中断，正在重试…</div>
<main id="board" class="board">
  <section id="resident" class="col resident">
    <div class="col-head">
      <div class="col-title-box"><div class="col-title">群众端</div><div class="col-sub">模拟居民的私聊</div></div>
      <a href="/" target="_blank" rel="noopener">新窗口打开</a>
    </div>
    <iframe src="/?embed=1" title="群众端聊天"></iframe>
  </section>
  <div id="loading" class="empty">正在读取通讯录…</div>
</main>
<script>${pageHelpersScript}${consoleScript}</script>
</body>
</html>
`;
