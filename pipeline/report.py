"""The review page: one self-contained HTML file for a person to check an extraction.

Left, the document's normalized text with every extracted value highlighted where it came from (the
Span offsets); right, the document's metadata, the findings, tasks, targets, phases, budget and units,
each linking to its place in the text. A click on a link scrolls the text to the highlight and makes
it flash; a click on a highlight scrolls the panel to its entry. No network, no external assets: the
CSS and a small script are inline, and every piece of text is escaped.

The highlights are laid out once, in Python, by a sweep over their boundaries (spans may nest, as a
target inside its task, or cross; a crossing span is split into pieces that share its reference), so
the browser does no work per highlight and a 140-task plan opens at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape

from kehoach.schemas import BudgetItem, Plan, Span

KINDS = {
    "document": "document",
    "basis": "legal basis",
    "signer": "signer",
    "unit": "unit",
    "task": "task",
    "phase": "phase",
    "target": "target",
    "budget": "budget",
    "finding": "finding",
}


@dataclass
class _Highlight:
    id: str
    kind: str
    start: int
    end: int
    label: str
    order: int


@dataclass
class _Registry:
    """Hands out an id for each span that can be placed in the text, and remembers it."""

    text_length: int
    highlights: list[_Highlight] = field(default_factory=list)

    def ref(self, span: Span | None, kind: str, label: str) -> str | None:
        if span is None or span.start is None or span.end is None:
            return None
        if not 0 <= span.start < span.end <= self.text_length:
            return None
        hid = f"h{len(self.highlights) + 1}"
        self.highlights.append(_Highlight(hid, kind, span.start, span.end, label, len(self.highlights)))
        return hid


def _e(text: object) -> str:
    return escape("" if text is None else str(text), quote=True)


# --- the text with its highlights -----------------------------------------------------------------


def _open(h: _Highlight, first: bool) -> str:
    ident = f' id="{h.id}"' if first else ""
    return f'<mark class="k-{h.kind}"{ident} data-ref="{h.id}" title="{_e(KINDS[h.kind] + ": " + h.label)}">'


def highlighted_text(text: str, highlights: Iterable[_Highlight]) -> str:
    """The text, escaped, with a <mark> per highlight; crossing highlights are split into pieces."""
    starts: dict[int, list[_Highlight]] = {}
    ends: set[int] = set()
    for h in highlights:
        starts.setdefault(h.start, []).append(h)
        ends.add(h.end)
    for group in starts.values():
        group.sort(key=lambda h: (-h.end, h.order))  # the outer one opens first
    out: list[str] = []
    stack: list[_Highlight] = []
    position = 0
    for boundary in sorted(set(starts) | ends):
        out.append(escape(text[position:boundary], quote=False))
        position = boundary
        if boundary in ends and stack:
            lowest = next((i for i, h in enumerate(stack) if h.end == boundary), None)
            if lowest is not None:
                out.append("</mark>" * (len(stack) - lowest))
                reopened = [h for h in stack[lowest:] if h.end > boundary]
                del stack[lowest:]
                for h in reopened:
                    out.append(_open(h, first=False))
                    stack.append(h)
        for h in starts.get(boundary, ()):
            out.append(_open(h, first=True))
            stack.append(h)
    out.append(escape(text[position:], quote=False))
    out.append("</mark>" * len(stack))
    return "".join(out)


# --- the panel --------------------------------------------------------------------------------------


def _go(hid: str | None, label: str, page: int | None = None) -> str:
    where = f' <span class="pg">p.{page}</span>' if page else ""
    if hid is None:
        return f'<span class="nolink" title="no place in the text">{_e(label)}</span>{where}'
    return f'<a class="go" href="#{hid}" data-h="{hid}">{_e(label)}</a>{where}'


def _row_id(hid: str | None) -> str:
    return f' id="p-{hid}"' if hid else ""


def _page(span: Span | None) -> int | None:
    return span.page if span else None


def _document_section(plan: Plan, reg: _Registry) -> str:
    doc = plan.document
    hid = reg.ref(doc.source, "document", f"number {doc.number or ''}")
    rows = [
        ("number", _go(hid, doc.number or "-", _page(doc.source)), hid),
        ("type", _e(" ".join(x for x in (doc.type_code, doc.type_name) if x) or "-"), None),
        ("issuer", _e(doc.issuer or "-"), None),
        ("province", _e(doc.province or "-"), None),
        ("place, date", _e(", ".join(x for x in (doc.place, doc.issued_date) if x) or "-"), None),
        ("title", _e(doc.title or "-"), None),
    ]
    if doc.signer:
        shid = reg.ref(doc.signer.source, "signer", doc.signer.name or "signer")
        who = ", ".join(x for x in (doc.signer.name, doc.signer.position) if x) or "-"
        rows.append(("signer", _go(shid, who, _page(doc.signer.source)), shid))
    body = "".join(f"<tr{_row_id(h)}><th>{_e(k)}</th><td>{v}</td></tr>" for k, v, h in rows)
    bases = []
    for basis in doc.legal_bases:
        label = " ".join(x for x in (basis.type_name, basis.number, basis.date) if x) or basis.text[:80]
        bhid = reg.ref(basis.source, "basis", label)
        bases.append(f"<li{_row_id(bhid)}>{_go(bhid, label, _page(basis.source))}</li>")
    bases_html = f"<h3>Legal bases ({len(bases)})</h3><ul>{''.join(bases)}</ul>" if bases else ""
    return f'<section id="s-document"><h2>Document</h2><table class="kv">{body}</table>{bases_html}</section>'


def _findings_section(plan: Plan, reg: _Registry) -> str:
    items = []
    for item in plan.findings:
        hid = reg.ref(item.source, "finding", f"{item.code}: {item.message}")
        items.append(
            f'<li class="finding sev-{_e(item.severity)}"{_row_id(hid)}>'
            f'<span class="sev">{_e(item.severity)}</span> {_go(hid, item.code, _page(item.source))}'
            f'<div class="msg">{_e(item.message)}</div></li>'
        )
    body = f"<ul class=\"findings\">{''.join(items)}</ul>" if items else '<p class="none">No findings.</p>'
    return f'<section id="s-findings"><h2>Findings ({len(items)})</h2>{body}</section>'


def _tasks_section(plan: Plan, reg: _Registry) -> str:
    rows = []
    for task in plan.tasks:
        hid = reg.ref(task.source, "task", f"{task.id} {task.title[:80]}")
        period = task.period.text if task.period else ""
        kind = " group" if task.kind == "group" else ""
        rows.append(
            f'<tr class="task{kind}"{_row_id(hid)}><td class="num">{_go(hid, task.number or task.id, _page(task.source))}</td>'
            f"<td>{_e(task.title)}</td><td>{_e('; '.join(task.lead_units))}</td>"
            f"<td>{_e('; '.join(task.coordinating_units))}</td><td>{_e(period)}</td></tr>"
        )
    count = sum(t.kind == "task" for t in plan.tasks)
    if not rows:
        return '<section id="s-tasks"><h2>Tasks (0)</h2><p class="none">No tasks.</p></section>'
    head = "<tr><th>no.</th><th>task</th><th>lead</th><th>coordinating</th><th>period</th></tr>"
    return (f'<section id="s-tasks"><h2>Tasks ({count})</h2>'
            f'<table class="grid"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table></section>')


_SIGNS = {"at_least": "≥ ", "at_most": "≤ ", "over": "> ", "exactly": ""}


def _targets_section(plan: Plan, reg: _Registry) -> str:
    rows = []
    for target in plan.targets:
        amount = f"{_SIGNS.get(target.comparator, '')}{target.quantity:g} {target.unit or ''}".strip()
        amount += " / year" if target.per_year else ""
        hid = reg.ref(target.source, "target", amount)
        rows.append(
            f"<tr{_row_id(hid)}><td>{_e(target.year or '-')}</td><td class=\"q\">{_go(hid, amount, _page(target.source))}</td>"
            f"<td>{_e(target.task_id or '')}</td><td>{_e(target.text)}</td></tr>"
        )
    if not rows:
        return '<section id="s-targets"><h2>Targets (0)</h2><p class="none">No targets.</p></section>'
    head = "<tr><th>year</th><th>target</th><th>task</th><th>text</th></tr>"
    return (f'<section id="s-targets"><h2>Targets ({len(rows)})</h2>'
            f'<table class="grid"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table></section>')


def _vnd(amount: int | None) -> str:
    return "-" if amount is None else f"{amount:,}".replace(",", ".") + " đ"


def _budget_items(items: list[BudgetItem], reg: _Registry) -> str:
    out = []
    for item in items:
        hid = reg.ref(item.source, "budget", item.label[:80])
        children = _budget_items(item.items, reg) if item.items else ""
        out.append(f"<li{_row_id(hid)}>{_go(hid, item.label, _page(item.source))}"
                   f' <span class="amt">{_e(_vnd(item.amount_vnd))}</span>{children}</li>')
    return f"<ul>{''.join(out)}</ul>"


def _budget_section(plan: Plan, reg: _Registry) -> str:
    budget = plan.budget
    if budget is None:
        return '<section id="s-budget"><h2>Budget</h2><p class="none">No budget.</p></section>'
    hid = reg.ref(budget.source, "budget", "total")
    words = f'<div class="msg">in words: {_e(budget.total_in_words)}</div>' if budget.total_in_words else ""
    return (f'<section id="s-budget"><h2>Budget</h2><p{_row_id(hid)}>total: '
            f'{_go(hid, _vnd(budget.total_vnd), _page(budget.source))}</p>{words}'
            f"{_budget_items(budget.items, reg) if budget.items else ''}</section>")


def _phases_section(plan: Plan, reg: _Registry) -> str:
    items = []
    for phase in plan.phases:
        years = f"{phase.start_year or '?'}-{phase.end_year or '?'}"
        hid = reg.ref(phase.source, "phase", phase.name)
        items.append(f"<li{_row_id(hid)}>{_go(hid, f'{phase.name}: {years}', _page(phase.source))}</li>")
    if not items:
        return ""
    return f'<section id="s-phases"><h2>Phases ({len(items)})</h2><ul>{"".join(items)}</ul></section>'


def _units_section(plan: Plan, reg: _Registry) -> str:
    items = []
    for unit in plan.units:
        hid = reg.ref(unit.source, "unit", unit.name)
        short = f" ({', '.join(unit.abbreviations)})" if unit.abbreviations else ""
        items.append(f"<li{_row_id(hid)}>{_go(hid, unit.name + short, _page(unit.source))}"
                     f' <span class="pg">×{unit.mentions}</span></li>')
    if not items:
        return ""
    return f'<section id="s-units"><h2>Units ({len(items)})</h2><ul>{"".join(items)}</ul></section>'


# --- the page -------------------------------------------------------------------------------------

_CSS = """
*{box-sizing:border-box}
html,body{margin:0;height:100%;font:14px/1.45 system-ui,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:#1d2330}
body{display:flex;flex-direction:column}
header{flex:none;padding:8px 16px;border-bottom:1px solid #d8dce3;background:#f6f7f9}
header h1{font-size:16px;margin:0 0 2px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
header .meta,.legend{font-size:12px;color:#4a5365}
.legend mark{padding:0 4px;margin-right:4px}
main{display:flex;flex:1;min-height:0}
#text{flex:1 1 55%;overflow:auto;padding:16px 24px;border-right:1px solid #d8dce3}
#text pre{white-space:pre-wrap;word-wrap:break-word;font:15px/1.6 Georgia,"Times New Roman",serif;margin:0;max-width:60em}
#panel{flex:1 1 45%;overflow:auto;padding:8px 16px 40px}
h2{font-size:15px;margin:18px 0 6px;padding-bottom:2px;border-bottom:1px solid #e3e6ea}
h3{font-size:13px;margin:10px 0 4px}
nav a{margin-right:10px;font-size:12px}
table{border-collapse:collapse;width:100%}
.kv th{text-align:left;width:7em;vertical-align:top;color:#4a5365;font-weight:normal}
.grid th{text-align:left;background:#f1f3f6;font-weight:600;position:sticky;top:-8px}
.grid td,.grid th,.kv td,.kv th{border-bottom:1px solid #eceef2;padding:3px 5px;vertical-align:top;font-size:13px}
tr.group td{background:#f7f7fb;font-weight:600}
td.num,td.q{white-space:nowrap}
ul{margin:4px 0;padding-left:18px}
.findings{list-style:none;padding:0}
.finding{padding:4px 6px;margin:3px 0;border-left:4px solid #999;background:#fafafa}
.sev-error{border-color:#c62828}.sev-warning{border-color:#ef8f00}.sev-info{border-color:#1565c0}
.sev{font-size:11px;text-transform:uppercase;color:#4a5365}
.msg{font-size:12px;color:#4a5365}
.pg,.amt{font-size:11px;color:#6a7385}
.none{color:#6a7385;font-style:italic}
.nolink{color:#4a5365}
a.go{color:#0b57d0;text-decoration:none;cursor:pointer}a.go:hover{text-decoration:underline}
mark{background:none;color:inherit;border-radius:2px;cursor:pointer}
mark.k-task{background:#fff3bf}
mark.k-target{background:#c3f0c8}
mark.k-budget{background:#ffd8a8}
mark.k-document,mark.k-signer{background:#d0ebff}
mark.k-basis{background:#e5dbff}
mark.k-unit{box-shadow:inset 0 -2px #9c36b5}
mark.k-phase{background:#c5f6fa}
mark.k-finding{text-decoration:underline wavy #c62828;text-decoration-skip-ink:none}
.flash{animation:flash 1.5s ease-out}
@keyframes flash{0%,30%{background:#ff6b6b;box-shadow:0 0 0 3px #ff6b6b}100%{}}
:target{outline:2px solid #ff6b6b}
"""

_SCRIPT = """
(function(){
  function flash(el){el.classList.remove('flash');void el.offsetWidth;el.classList.add('flash');}
  function show(id){
    var el=document.getElementById(id);
    if(!el)return;
    el.scrollIntoView({block:'center',inline:'nearest'});
    var pieces=document.querySelectorAll('mark[data-ref="'+id+'"]');
    for(var i=0;i<pieces.length;i++)flash(pieces[i]);
    if(history.replaceState)history.replaceState(null,'','#'+id);
  }
  document.addEventListener('click',function(e){
    var link=e.target.closest('a[data-h]');
    if(link){e.preventDefault();show(link.getAttribute('data-h'));return;}
    var mark=e.target.closest('mark[data-ref]');
    if(mark){
      var row=document.getElementById('p-'+mark.getAttribute('data-ref'));
      if(row){row.scrollIntoView({block:'center'});flash(row);}
    }
  });
  document.addEventListener('animationend',function(e){e.target.classList.remove('flash');});
  if(location.hash.length>1)show(location.hash.slice(1));
})();
"""


def render_report(plan: Plan, text: str) -> str:
    """The review page of one plan, given the normalized text its spans point into."""
    reg = _Registry(len(text))
    # The panel registers the spans, in reading order of the panel; the text is marked afterwards.
    sections = [
        _findings_section(plan, reg),
        _document_section(plan, reg),
        _tasks_section(plan, reg),
        _targets_section(plan, reg),
        _budget_section(plan, reg),
        _phases_section(plan, reg),
        _units_section(plan, reg),
    ]
    doc = plan.document
    title = doc.title or plan.source.path
    counts = (f"{sum(t.kind == 'task' for t in plan.tasks)} tasks · {len(plan.targets)} targets · "
              f"{len(plan.findings)} findings · {len(reg.highlights)} highlights")
    meta = " · ".join(_e(x) for x in (doc.number, doc.issuer, doc.issued_date, plan.source.path) if x)
    legend = "".join(f'<mark class="k-{k}">{_e(v)}</mark>' for k, v in KINDS.items())
    nav = "".join(f'<a href="#s-{s}">{s}</a>' for s in ("findings", "document", "tasks", "targets", "budget"))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
        f"<title>Review: {_e(title)}</title><style>{_CSS}</style></head><body>"
        f'<header><h1>{_e(title)}</h1><div class="meta">{meta} · {_e(counts)}</div>'
        f'<div class="legend">{legend}</div></header>'
        f'<main><div id="text"><pre>{highlighted_text(text, reg.highlights)}</pre></div>'
        f'<div id="panel"><nav>{nav}</nav>{"".join(sections)}</div></main>'
        f"<script>{_SCRIPT}</script></body></html>\n"
    )
