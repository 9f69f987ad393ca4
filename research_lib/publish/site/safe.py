"""Safe text for the site: MyST-escaped record text, allow-listed HTML, fixed verdict classes.

Every value that comes from a claim record, a catalog row or a notebook reaches the pages through
one of these functions:

- :func:`md_text` for text placed in generated MyST markdown (every ASCII punctuation character is
  backslash-escaped, so ``<script>``, ``$x$``, ``{role}`` or ``[link](...)`` in a record are
  shown as written, never interpreted);
- :func:`html_text` / :func:`html_attr` for text placed in generated HTML;
- :func:`clean_html` for HTML written by someone else (notebook outputs, raw HTML in notebook
  markdown): an allow-list re-serialiser. Only known tags and attributes are written back,
  attribute values and text are re-escaped, links must be relative, ``http(s)``, ``mailto`` or
  (images only) ``data:image/...``, and ``<script>``, ``<style>`` and the like are dropped with
  their content;
- :func:`verdict_class` maps a verdict to one of a fixed set of CSS classes (an unknown string
  never reaches an attribute).
"""
from __future__ import annotations

import html
import html.parser
import re

from research_lib.claims.registry import NOT_TESTED, VERDICTS

_MD_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character

ALLOWED_TAGS = frozenset("""a abbr b blockquote br caption cite code col colgroup dd del details div dl dt em
figcaption figure h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q s samp small span strong sub summary sup
table tbody td tfoot th thead time tr u ul""".split())
VOID_TAGS = frozenset({"br", "col", "hr", "img"})
#: dropped together with everything inside them
DROP_WITH_CONTENT = frozenset({"script", "style", "template", "noscript", "iframe", "object", "embed", "textarea",
                               "select", "svg", "math", "title", "head"})
GLOBAL_ATTRS = frozenset({"id", "class", "title", "lang", "dir", "style", "role", "aria-label", "aria-hidden"})
TAG_ATTRS = {
    "a": {"href", "name", "rel"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "align", "valign"},
    "th": {"colspan", "rowspan", "align", "valign", "scope"},
    "col": {"span", "width"},
    "colgroup": {"span"},
    "ol": {"start", "type", "reversed"},
    "table": {"border", "summary"},
    "time": {"datetime"},
    "details": {"open"},
}
STYLE_PROPERTIES = frozenset("""text-align vertical-align font-weight font-style font-size font-family color
background-color border border-top border-bottom border-left border-right border-collapse padding padding-top
padding-bottom padding-left padding-right margin margin-top margin-bottom margin-left margin-right white-space
width min-width max-width text-decoration""".split())
_URL_OK = re.compile(r"^(?:https?:|mailto:|#|/|\.|[^:/?#]+(?:[/?#]|$))", re.I)
_DATA_IMAGE = re.compile(r"^data:image/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]+$", re.I)
_STYLE_BAD = re.compile(r"url\s*\(|expression|javascript:|@import|[<>\\]", re.I)

VERDICT_CLASSES = {v: "verdict-" + v.replace(" ", "-") for v in (*VERDICTS, NOT_TESTED)}
VERDICT_CLASSES.update({"provisional": "verdict-provisional", "n/a": "verdict-none"})


def md_text(text) -> str:
    """``text`` as literal MyST markdown: one line, every ASCII punctuation character escaped."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str("" if text is None else text).split()))


def html_text(text) -> str:
    """``text`` escaped for an HTML text node (quotes too)."""
    return html.escape(str("" if text is None else text), quote=True)


def html_attr(text) -> str:
    """``text`` escaped for a double-quoted HTML attribute value."""
    return html.escape(" ".join(str("" if text is None else text).split()), quote=True)


def verdict_class(verdict) -> str:
    """The CSS class for a verdict; anything not in the fixed vocabulary gets ``verdict-unknown``."""
    return VERDICT_CLASSES.get(verdict, "verdict-unknown") if isinstance(verdict, str) else "verdict-unknown"


def safe_url(url: str, image: bool = False) -> bool:
    """True for relative, ``#``, ``http(s)`` and ``mailto`` links (and ``data:image`` for images)."""
    url = re.sub(r"[\x00-\x20]", "", url or "")
    if image and _DATA_IMAGE.match(url):
        return True
    return bool(_URL_OK.match(url)) and not url.lower().startswith(("javascript:", "vbscript:", "data:"))


def _clean_style(value: str) -> str:
    kept = []
    for decl in value.split(";"):
        name, sep, val = decl.partition(":")
        name, val = name.strip().lower(), val.strip()
        if sep and name in STYLE_PROPERTIES and val and not _STYLE_BAD.search(val):
            kept.append(f"{name}: {val}")
    return "; ".join(kept)


class _Cleaner(html.parser.HTMLParser):
    """Re-serialise HTML keeping only allow-listed tags and attributes (see :func:`clean_html`)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip: list[str] = []  # open tags whose content is dropped

    def _attrs(self, tag: str, attrs) -> str:
        allowed = GLOBAL_ATTRS | TAG_ATTRS.get(tag, set())
        parts = []
        for name, value in attrs:
            name, value = name.lower(), value or ""
            if name not in allowed and not name.startswith("data-"):
                continue
            if name.startswith("data-") and not re.fullmatch(r"data-[a-z0-9-]+", name):
                continue
            if name in ("href", "src") and not safe_url(value, image=(tag == "img" and name == "src")):
                continue
            if name == "style":
                value = _clean_style(value)
                if not value:
                    continue
            parts.append(f' {name}="{html_attr(value)}"')
        return "".join(parts)

    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        if self.skip or tag in DROP_WITH_CONTENT:
            if tag not in VOID_TAGS:
                self.skip.append(tag)
            return
        if tag in ALLOWED_TAGS:
            self.out.append(f"<{tag}{self._attrs(tag, attrs)}>")

    def handle_startendtag(self, tag, attrs):
        tag = tag.lower()
        if not self.skip and tag in ALLOWED_TAGS:
            self.out.append(f"<{tag}{self._attrs(tag, attrs)}>" + ("" if tag in VOID_TAGS else f"</{tag}>"))

    def handle_endtag(self, tag):
        tag = tag.lower()
        if self.skip:
            if tag in self.skip:
                while self.skip and self.skip.pop() != tag:
                    pass
            return
        if tag in ALLOWED_TAGS and tag not in VOID_TAGS:
            self.out.append(f"</{tag}>")

    def handle_data(self, data):
        if not self.skip:
            self.out.append(html.escape(data, quote=False))

    # comments, doctypes, processing instructions and CDATA sections are dropped
    def handle_comment(self, data):
        pass

    def handle_decl(self, decl):
        pass

    def handle_pi(self, data):
        pass

    def unknown_decl(self, data):
        pass


def clean_html(fragment: str) -> str:
    """``fragment`` with only allow-listed tags, attributes, URLs and inline styles, re-escaped."""
    cleaner = _Cleaner()
    cleaner.feed(str(fragment or ""))
    cleaner.close()
    return "".join(cleaner.out)
