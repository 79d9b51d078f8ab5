namespace Rsc.Reports.Html.Site;

/// <summary>The report's style sheet and filter script, inlined into every page (no network, no server).</summary>
public static class SiteStyle
{
    public const string Css = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0 1.5rem 2rem;color:#1d2430;font-size:14px}
        nav.top{padding:.6rem 0;border-bottom:1px solid #d5dae2;margin-bottom:1rem}
        nav.top a{margin-right:1.2rem;font-weight:600;text-decoration:none;color:#174ea6}
        h1{font-size:1.5rem;margin:.4rem 0} h2{font-size:1.2rem;margin-top:1.6rem} h3{font-size:1rem;margin:1rem 0 .3rem}
        table{border-collapse:collapse;margin:.4rem 0} th,td{border:1px solid #d5dae2;padding:.2rem .45rem;text-align:left;vertical-align:top}
        th{background:#eef1f5;position:sticky;top:0} td.num,th.num{text-align:right}
        a{color:#174ea6}
        .o-pass{background:#d4edda;color:#1e5631} .o-nonstrict{background:#fff3cd;color:#6d5200} .o-fail{background:#f8d7da;color:#842029}
        .o-info{background:#e2e8f0;color:#334155} .o-error{background:#e9d5ff;color:#5b21b6}
        .o-notjudged{background:repeating-linear-gradient(45deg,#f1f3f5,#f1f3f5 4px,#dee2e6 4px,#dee2e6 8px);color:#495057;font-style:italic}
        .o-none{color:#adb5bd}
        td.cell a{color:inherit;text-decoration:none;display:block} td.cell{white-space:nowrap}
        .badge{display:inline-block;padding:.1rem .5rem;border-radius:.7rem;font-weight:600;font-size:.85rem}
        .incomplete{background:#fff0e0;border:2px solid #e8590c;color:#8a3100;padding:.5rem .8rem;margin:.5rem 0;border-radius:.3rem}
        .muted{color:#6b7280} .small{font-size:.85rem}
        .filters{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;margin:.8rem 0;padding:.5rem;background:#f6f8fa;border:1px solid #d5dae2}
        .filters label{white-space:nowrap}
        .rule{border:1px solid #d5dae2;border-radius:.3rem;padding:.5rem .8rem;margin:.8rem 0}
        .rule.excused{border-style:dashed}
        .level{font-weight:700} .level.must{color:#842029} .level.should{color:#6d5200}
        dl.facts{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem} dl.facts dt{font-weight:600} dl.facts dd{margin:0}
        pre{background:#f6f8fa;border:1px solid #d5dae2;padding:.5rem;overflow:auto;max-height:40rem}
        tr.bad td{background:#fdecee} tr.coalesced td:first-child{border-left:4px solid #2e7d32}
        img.chart{max-width:100%;border:1px solid #d5dae2;margin:.4rem 0}
        .finding{margin:.2rem 0}
        .rule table{width:100%} .wide{overflow-x:auto;max-width:100%}
        #matrix td:first-child{white-space:nowrap}
        div.md{white-space:pre-wrap;font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:13px;max-width:110ch}
        """;

    /// <summary>
    /// Filters rows of the table #matrix by section, outcome and text; the state lives in the URL's
    /// fragment (#section=FLAG&amp;outcome=Fail,Error&amp;q=psh) so a filtered view can be linked.
    /// </summary>
    public const string FilterScript = """
        (function(){
          var rows=Array.prototype.slice.call(document.querySelectorAll('#matrix tbody tr'));
          var section=document.getElementById('f-section'), text=document.getElementById('f-text');
          var boxes=Array.prototype.slice.call(document.querySelectorAll('input[name=f-outcome]'));
          var shown=document.getElementById('f-shown');
          function apply(){
            var sec=section.value, q=text.value.trim().toLowerCase(), outs={}, n=0;
            boxes.forEach(function(b){ if(b.checked) outs[b.value]=true; });
            rows.forEach(function(r){
              var ok=(!sec||r.getAttribute('data-section')===sec)&&(!q||r.getAttribute('data-text').indexOf(q)>=0)
                &&r.getAttribute('data-outcomes').split(' ').some(function(o){return outs[o];});
              r.hidden=!ok; if(ok) n++;
            });
            shown.textContent=n;
            var parts=[]; if(sec) parts.push('section='+encodeURIComponent(sec));
            var sel=boxes.filter(function(b){return b.checked;}).map(function(b){return b.value;});
            if(sel.length!==boxes.length) parts.push('outcome='+sel.join(','));
            if(q) parts.push('q='+encodeURIComponent(q));
            history.replaceState(null,'',parts.length?'#'+parts.join('&'):location.pathname+location.search);
          }
          function load(){
            var h=location.hash.replace(/^#/,''); if(!h) return;
            h.split('&').forEach(function(p){
              var i=p.indexOf('='); if(i<0) return; var k=p.slice(0,i), v=decodeURIComponent(p.slice(i+1));
              if(k==='section') section.value=v;
              if(k==='q') text.value=v;
              if(k==='outcome'){ var set=v.split(','); boxes.forEach(function(b){ b.checked=set.indexOf(b.value)>=0; }); }
            });
          }
          section.addEventListener('change',apply); text.addEventListener('input',apply);
          boxes.forEach(function(b){ b.addEventListener('change',apply); });
          load(); apply();
        })();
        """;
}
