/**
 * CSS shared by the resident chat and the console: message bubbles, quick-reply chips, the composer.
 * Inputs use 16px text because iOS zooms into any smaller focused field.
 */
export const pageStyleCss = `
:root {
  --bg: #ededed; --panel: #f7f7f7; --line: #d9d9d9; --text: #191919; --muted: #8a8a8a;
  --me: #95ec69; --bot: #ffffff; --accent: #07c160; --danger: #e54d42; --link: #576b95;
  font-family: -apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei",
    "Noto Sans CJK SC", "Source Han Sans SC", sans-serif;
}
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; }
body { background: var(--bg); color: var(--text); font-size: 15px; line-height: 1.5; -webkit-text-size-adjust: 100%; }
button, input, select, textarea { font: inherit; color: inherit; }
.msgs {
  flex: 1; min-height: 0; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 10px;
  overscroll-behavior: contain;
}
.msg { display: flex; flex-direction: column; align-items: flex-start; align-self: flex-start; max-width: 88%; }
.msg.me { align-self: flex-end; align-items: flex-end; }
.meta { font-size: 12px; color: var(--muted); margin: 0 4px 2px; }
.bubble {
  background: var(--bot); border-radius: 6px; padding: 8px 11px; white-space: pre-wrap;
  overflow-wrap: anywhere; box-shadow: 0 1px 1px rgba(0, 0, 0, .05);
}
.msg.me .bubble { background: var(--me); }
.chips { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; }
.chip {
  border: 1px solid var(--line); background: #fff; border-radius: 999px; padding: 3px 12px; font-size: 13px;
  cursor: pointer; line-height: 1.6;
}
.chip:hover { background: #f2f2f2; }
.chip.primary { border-color: var(--accent); color: #06a050; }
.chip.danger { border-color: var(--danger); color: var(--danger); }
.chip.fill::after { content: " ✎"; opacity: .6; }
.chip:disabled { opacity: .5; cursor: default; }
.order-no {
  border: 0; background: none; padding: 0; margin: 0; font: inherit; color: var(--link); cursor: pointer;
  text-decoration: underline dotted; text-underline-offset: 2px;
}
.status { font-size: 12px; color: var(--muted); margin: 2px 4px 0; }
.status.error { color: var(--danger); }
.status button { border: 0; background: none; color: var(--link); cursor: pointer; padding: 0 0 0 6px; font-size: 12px; }
.composer { display: flex; gap: 8px; align-items: flex-end; padding: 8px; background: var(--panel); border-top: 1px solid var(--line); }
.composer textarea {
  flex: 1; min-width: 0; resize: none; border: 1px solid var(--line); border-radius: 6px; padding: 7px 9px;
  min-height: 40px; max-height: 140px; background: #fff; font-size: 16px; line-height: 1.4;
}
.composer textarea:focus, .field:focus { outline: 2px solid rgba(7, 193, 96, .35); border-color: var(--accent); }
.btn { border: 1px solid var(--line); background: #fff; border-radius: 6px; padding: 5px 12px; cursor: pointer; white-space: nowrap; }
.btn:hover { background: #f2f2f2; }
.btn.send { background: var(--accent); border-color: var(--accent); color: #fff; min-height: 40px; }
.btn.send:disabled { opacity: .5; cursor: default; }
.field { border: 1px solid var(--line); border-radius: 6px; padding: 5px 8px; background: #fff; font-size: 16px; }
.hint { font-size: 12px; color: var(--muted); }
.fill-hint { font-size: 12px; color: #b26a00; padding: 0 10px 4px; background: var(--panel); }
.fill-hint:empty { display: none; }
.banner { background: #fff4e5; color: #8a5300; font-size: 13px; text-align: center; padding: 4px 8px; }
.banner[hidden] { display: none; }
.divider { align-self: center; font-size: 12px; color: var(--muted); background: rgba(0, 0, 0, .05); border-radius: 4px; padding: 1px 8px; }
.empty { color: var(--muted); text-align: center; font-size: 13px; margin: auto 0; padding: 24px 12px; white-space: pre-line; }
`;
