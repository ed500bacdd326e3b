#include "report/html_page_style.hpp"

namespace troupe::report {

const char* const kHtmlReportCss = R"css(
:root { --passed:#2e9d4a; --failed:#d03434; --skipped:#4d8fb3; --pending:#d7a323; --unknown:#888;
        --bg:#fafafa; --fg:#1d1d1d; --muted:#6b6b6b; --line:#ddd; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0;
       background: var(--bg); color: var(--fg); }
header, main { max-width: 1200px; margin: 0 auto; padding: 12px 24px; }
header { border-bottom: 1px solid var(--line); }
h1 { font-size: 22px; margin: 8px 0; }
h2 { font-size: 17px; margin: 18px 0 8px; }
h3 { font-size: 15px; margin: 0; display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; }
.muted, .where, .dur { color: var(--muted); }
.counts span { font-weight: 600; margin-right: 10px; }
.passed-text { color: var(--passed); } .failed-text { color: var(--failed); }
.skipped-text { color: var(--skipped); }
.badge { display: inline-block; min-width: 64px; text-align: center; color: #fff; border-radius: 4px;
         font-size: 12px; padding: 1px 6px; text-transform: uppercase; }
.s-passed { background: var(--passed); } .s-failed, .s-ambiguous { background: var(--failed); }
.s-skipped { background: var(--skipped); } .s-pending, .s-undefined { background: var(--pending); }
.s-unknown { background: var(--unknown); } .s-interrupted { background: var(--pending); }
table.matrix { border-collapse: collapse; margin: 6px 24px 12px 0; display: inline-table; vertical-align: top; }
table.matrix caption { text-align: left; font-weight: 600; padding-bottom: 4px; }
table.matrix th, table.matrix td { border: 1px solid var(--line); padding: 3px 10px; text-align: center; }
table.matrix td.ok { background: #e3f4e7; } table.matrix td.bad { background: #fbe1e1; font-weight: 700; }
table.matrix td.none { color: var(--muted); }
.filters button { border: 1px solid var(--line); background: #fff; border-radius: 4px; padding: 3px 10px;
                  margin-right: 6px; cursor: pointer; }
.filters button.active { background: var(--fg); color: #fff; }
article.case { background: #fff; border: 1px solid var(--line); border-left: 5px solid var(--unknown);
               border-radius: 4px; margin: 10px 0; padding: 10px 14px; }
article.case.passed { border-left-color: var(--passed); } article.case.failed { border-left-color: var(--failed); }
article.case.skipped { border-left-color: var(--skipped); }
.error { color: var(--failed); white-space: pre-wrap; font-family: ui-monospace, Menlo, Consolas, monospace; margin: 6px 0; }
.timeline { margin: 10px 0; }
.lane { display: flex; align-items: center; height: 24px; }
.lane-label { width: 190px; flex: none; font-size: 12px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.track { position: relative; flex: 1; height: 18px; background: #f0f0f0; border-radius: 3px; }
.bar { position: absolute; top: 2px; height: 14px; min-width: 3px; border-radius: 2px; opacity: .9; }
.bar.passed { background: var(--passed); } .bar.failed, .bar.ambiguous { background: var(--failed); }
.bar.skipped { background: var(--skipped); } .bar.pending, .bar.undefined { background: var(--pending); }
.bar.unknown { background: var(--unknown); }
.bar:hover { outline: 2px solid var(--fg); z-index: 2; }
.mark { position: absolute; top: -2px; width: 2px; height: 22px; background: var(--fg); }
.mark.exit { background: var(--muted); } .mark.exit.unexpected { background: var(--failed); width: 3px; }
.axis { display: flex; justify-content: space-between; margin-left: 190px; font-size: 11px; color: var(--muted); }
ol.steps { margin: 6px 0; padding-left: 22px; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 13px; }
ol.steps li { margin: 2px 0; }
ol.steps li.passed::marker { color: var(--passed); } ol.steps li.failed::marker { color: var(--failed); }
.target { color: #5a4bb3; font-size: 12px; }
.kw { font-weight: 700; }
pre.logs { background: #1e1e1e; color: #e6e6e6; padding: 8px; border-radius: 4px; overflow-x: auto;
           font-size: 12px; max-height: 420px; }
pre.logs .lvl-WARN { color: #f0c050; } pre.logs .lvl-ERROR, pre.logs .lvl-CRITICAL { color: #ff7070; }
details summary { cursor: pointer; color: var(--muted); }
.hidden { display: none; }
)css";

const char* const kHtmlReportScript = R"js(
(function () {
  var buttons = document.querySelectorAll('.filters button');
  buttons.forEach(function (button) {
    button.addEventListener('click', function () {
      buttons.forEach(function (b) { b.classList.toggle('active', b === button); });
      var wanted = button.getAttribute('data-filter');
      document.querySelectorAll('article.case').forEach(function (article) {
        var show = wanted === 'all' || article.getAttribute('data-status') === wanted;
        article.classList.toggle('hidden', !show);
      });
    });
  });
})();
)js";

}  // namespace troupe::report
