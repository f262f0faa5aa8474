"""Self-contained HTML report: one file to open on a phone, mail to a colleague or print.

No network, no scripts, no external assets: inline CSS only. Built from
``Report.to_dict()`` like the other formats; every value is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from mccheck.document import Location
from mccheck.report import Report

_SEVERITY_MARK = {"error": "✗", "warning": "!", "info": "i"}
_STATUS_WORD = {
    "ok": "within the limit",
    "over": "over the limit",
    "under": "under the minimum",
    "missing": "missing",
    "incomplete": "incomplete: see what to fix",
    "warning": "has warnings",
    "not-required": "optional, not found",
}

_CSS = """
:root{--ok:#1a7f37;--bad:#c62828;--warn:#9a6700;--info:#0969da;--muted:#57606a;--line:#d0d7de;--bg:#f6f8fa}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1f2328;background:#fff}
main{max-width:52rem;margin:0 auto;padding:1rem}
h1{font-size:1.35rem;margin:.2rem 0 .6rem}h2{font-size:1.1rem;margin:1.6rem 0 .5rem;border-bottom:1px solid var(--line)}
h3{font-size:1rem;margin:1rem 0 .3rem}
.verdict{padding:.8rem 1rem;border-radius:.5rem;font-weight:700;font-size:1.2rem;margin:.5rem 0}
.verdict.ready{background:#dafbe1;color:var(--ok);border:1px solid var(--ok)}
.verdict.not-ready{background:#ffebe9;color:var(--bad);border:1px solid var(--bad)}
.verdict small{display:block;font-weight:400;font-size:.9rem;color:#1f2328}
.meta{color:var(--muted);font-size:.85rem;overflow-wrap:anywhere}
.sections{list-style:none;padding:0;margin:0}
.section{border:1px solid var(--line);border-radius:.5rem;padding:.6rem .8rem;margin:.5rem 0;break-inside:avoid}
.section .top{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.2rem .8rem}
.section .name{font-weight:600}.section code{font-size:.8rem;color:var(--muted)}
.count{font-variant-numeric:tabular-nums;white-space:nowrap}
.bar{position:relative;height:.7rem;background:var(--bg);border:1px solid var(--line);border-radius:.35rem;margin:.4rem 0 .2rem;overflow:hidden}
.bar .fill{position:absolute;left:0;top:0;bottom:0;background:var(--ok)}
.bar .min{position:absolute;top:0;bottom:0;border-left:2px dashed var(--muted)}
.status-over .fill,.status-under .fill,.status-missing .fill,.status-incomplete .fill{background:var(--bad)}
.status-warning .fill{background:var(--warn)}
.status-over .state,.status-under .state,.status-missing .state,.status-incomplete .state{color:var(--bad);font-weight:600}
.status-ok .state{color:var(--ok)}.status-warning .state{color:var(--warn)}
.state,.source{font-size:.85rem;color:var(--muted)}
.findings{list-style:none;padding:0;margin:0}
.finding{border-left:4px solid var(--line);padding:.4rem .7rem;margin:.5rem 0;background:var(--bg);break-inside:avoid}
.finding.error{border-color:var(--bad)}.finding.warning{border-color:var(--warn)}.finding.info{border-color:var(--info)}
.finding .sev{font-weight:700;margin-right:.3rem}.finding.error .sev{color:var(--bad)}
.finding.warning .sev{color:var(--warn)}.finding.info .sev{color:var(--info)}
.finding .id{font-size:.8rem;color:var(--muted)}
.next{margin:.2rem 0 0}.next::before{content:"→ ";font-weight:700}
.where{font-size:.85rem;color:var(--muted);overflow-wrap:anywhere}
.rubric{list-style:none;padding:0;margin:0}
.rubric li{padding:.25rem 0 .25rem 1.8rem;text-indent:-1.8rem}
.rubric .mark{display:inline-block;width:1.8rem;text-indent:0;font-weight:700}
.rubric .pass .mark{color:var(--ok)}.rubric .fail .mark{color:var(--bad)}.rubric .ask .mark{color:var(--muted)}
.rubric .ask em{color:var(--muted)}
footer{margin:2rem 0 1rem;color:var(--muted);font-size:.8rem}
.index{border-collapse:collapse;width:100%;font-size:.9rem}.index th,.index td{text-align:left;padding:.3rem .4rem;border-bottom:1px solid var(--line);overflow-wrap:anywhere}
.index .ok{color:var(--ok);font-weight:600}.index .bad{color:var(--bad);font-weight:600}
@media (max-width:30rem){body{font-size:15px}main{padding:.6rem}.verdict{font-size:1.05rem}}
@media print{
 body{font-size:11pt;color:#000}main{max-width:none;padding:0}
 .verdict,.finding,.section{background:none !important}
 .bar{border-color:#000}.bar .fill{background:#555 !important;print-color-adjust:exact;-webkit-print-color-adjust:exact}
 h2{break-after:avoid}a{color:#000;text-decoration:none}
}
"""


def render(reports: Sequence[Report], **_: object) -> str:
    data = [r.to_dict() for r in reports]
    if len(data) == 1:
        title = f"mccheck: {'READY' if data[0]['ready'] else 'NOT READY'} — {data[0]['credential_title']}"
    else:
        ready = sum(d["ready"] for d in data)
        title = f"mccheck: {ready} of {len(data)} submissions ready"
    body: list[str] = []
    if len(data) > 1:
        ready = sum(d["ready"] for d in data)
        body.append(f'<p class="summary"><strong>{ready} of {len(data)} submissions ready.</strong></p>')
        body.append(_index(data, [next(iter(r.blocking), None) for r in reports]))
    for number, item in enumerate(data, start=1):
        body.append(_submission(item, number if len(data) > 1 else 0))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        # No network at all, even if someone adds a link later.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        f"<title>{escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(body)
        + f"\n<footer>Made by mccheck. {escape(_counted_as(data))} The reviewers' judgement items are"
        " yours to check.</footer>\n</main>\n</body>\n</html>\n"
    )


def _counted_as(data: list[dict]) -> str:
    """The footer says which counter made the numbers: Word's rules, or a plain web form's."""
    counters = {d.get("counter", "word") for d in data}
    if counters == {"whitespace"}:
        return "Word counts split at spaces, as a plain web form counts."
    if counters == {"word"}:
        return "Word counts follow Microsoft Word."
    return "Word counts follow each submission's counter (Microsoft Word, or spaces as a web form)."


def _index(data: list[dict], first_problems: list) -> str:
    """A table of every submission, each linked to its report below."""
    rows = []
    for number, (item, first) in enumerate(zip(data, first_problems), start=1):
        verdict = '<span class="ok">✓ ready</span>' if item["ready"] else '<span class="bad">✗ not ready</span>'
        rows.append(
            f'<tr><td><a href="#submission-{number}">{escape(", ".join(item["paths"]))}</a></td><td>{verdict}</td>'
            f'<td class="count">{item["summary"]["blocking"]}</td><td>{escape(first.message) if first else ""}</td></tr>'
        )
    return (
        '<table class="index"><thead><tr><th>submission</th><th>verdict</th><th>blocking</th>'
        "<th>first problem</th></tr></thead><tbody>\n" + "\n".join(rows) + "\n</tbody></table>"
    )


def _submission(data: dict, number: int) -> str:
    out: list[str] = [f'<article class="submission" id="submission-{number or 1}">']
    heading = escape(data["credential_title"])
    out.append(f"<h1>{heading}</h1>" if not number else f"<h1>{number}. {heading}</h1>")
    blocking = data["summary"]["blocking"]
    if data["ready"]:
        out.append('<p class="verdict ready">✓ READY<small>No blocking problems found.</small></p>')
    else:
        why = f"{blocking} blocking problem{'s' if blocking != 1 else ''}" if blocking else "no files were checked"
        out.append(f'<p class="verdict not-ready">✗ NOT READY<small>{escape(why)}.</small></p>')
    out.append(
        f'<p class="meta">Credential <code>{escape(data["credential"])}</code> · checked '
        f'{escape(", ".join(data["paths"]))} · {escape(data["counter"])} counter</p>'
    )

    out.append("<h2>Sections</h2>")
    out.append('<ul class="sections">')
    for s in data["sections"]:
        out.append(_section(s))
    out.append("</ul>")

    titles = {s["id"]: s["title"] for s in data["sections"]}
    out.append("<h2>What to fix</h2>")
    if data["findings"]:
        out.append('<ul class="findings">')
        for f in data["findings"]:
            out.append(_finding(f, titles))
        out.append("</ul>")
    else:
        out.append("<p>Nothing to fix.</p>")

    if data["rubric"]:
        out.append("<h2>Rubric checklist</h2>")
        current = None
        for item in data["rubric"]:
            if item["criterion"] != current:
                if current is not None:
                    out.append("</ul>")
                current = item["criterion"]
                out.append(f'<h3>{escape(item["title"])} <span class="state">— aim: {escape(item["level"])}</span></h3>')
                out.append('<ul class="rubric">')
            text = escape(item["text"])
            if item["verified"] and item["passed"]:
                out.append(f'<li class="pass"><span class="mark" aria-label="verified">✓</span>{text}</li>')
            elif item["verified"]:
                out.append(f'<li class="fail"><span class="mark" aria-label="not met">✗</span>{text}</li>')
            else:
                out.append(f'<li class="ask"><span class="mark" aria-label="ask yourself">?</span><em>Ask yourself:</em> {text}</li>')
        out.append("</ul>")
    out.append("</article>")
    return "\n".join(out)


def _section(s: dict) -> str:
    lim = s["limits"]
    lo, hi = lim["min"], lim["max"]
    if lo is not None and hi is not None:
        limit = f"{lo}–{hi} words"
    elif hi is not None:
        limit = f"at most {hi} words"
    elif lo is not None:
        limit = f"at least {lo} words"
    else:
        limit = "no word limit"
    if (lo is not None or hi is not None) and not lim["hard"]:
        limit += " (a guide)"
    words = f'{s["words"]} words' if s["present"] else "not found"
    status = s["status"] if s["status"] in _STATUS_WORD else "warning"
    parts = [
        f'<li class="section status-{escape(status)}" id="section-{escape(s["id"])}">',
        '<div class="top">',
        f'<span class="name">{escape(s["title"])} <code>{escape(s["id"])}</code></span>',
        f'<span class="count">{escape(words)} · {escape(limit)}</span>',
        "</div>",
    ]
    top = hi or lo
    if top and s["present"]:
        # The bar's full width is the maximum (or the minimum when there is no maximum).
        scale = max(top, s["words"])
        fill = 100 * min(s["words"], scale) / scale
        parts.append(
            f'<div class="bar" role="img" aria-label="{s["words"]} of {top} words">'
            f'<span class="fill" style="width:{fill:.1f}%"></span>'
            + (f'<span class="min" style="left:{100 * lo / scale:.1f}%"></span>' if lo and hi else "")
            + "</div>"
        )
    state = _STATUS_WORD.get(s["status"], s["status"])
    if s["status"] == "ok" and top is None:
        state = "complete"  # no limit to be within
    parts.append(f'<span class="state">{escape(state)}</span>')
    if lim.get("source"):
        parts.append(f' <span class="source">({escape(lim["source"])})</span>')
    parts.append("</li>")
    return "".join(parts)


def _finding(f: dict, titles: dict[str, str]) -> str:
    severity = f["severity"] if f["severity"] in _SEVERITY_MARK else "info"
    where = ""
    loc = f["location"]
    if loc:
        where = f'<div class="where">{escape(str(Location(**loc)))}</div>'
    section = ""
    if f["section"]:
        section = f' · <a href="#section-{escape(f["section"])}">{escape(titles.get(f["section"], f["section"]))}</a>'
    return (
        f'<li class="finding {severity}">'
        f'<div><span class="sev" aria-label="{severity}">{_SEVERITY_MARK[severity]}</span>{escape(f["message"])}</div>'
        f'<p class="next">{escape(f["next_step"])}</p>'
        f'<div class="id">{escape(f["id"])}{section}</div>'
        f"{where}</li>"
    )
