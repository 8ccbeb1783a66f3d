"""HTML reports: the article text of a page (its navigation, headers, footers, scripts … left out), with
``"\\0"`` at block boundaries and, per character, its offset in the page."""

from __future__ import annotations

import html
import re
from array import array

from .document import ENTITY, IngestError

# A tag, honouring quoted attribute values (a quote may not run past the next "<").
_TAG = re.compile(r"""<(/?)([A-Za-z][^\s/>]*)((?:[^>"']|"[^"<]*"|'[^'<]*')*+)>""")
# A tag cut at the first ">" (fallback for an unbalanced quote).
_TAG_LOOSE = re.compile(r"<(/?)([A-Za-z][^\s/>]*)([^>]*)>")
# One attribute: name and optional value.
_ATTR = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
# A Han character, for measuring how much Chinese text a block holds.
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")
# id/class words of page chrome: navigation, breadcrumbs, footers, menus, sidebars, sharing, comments.
_NOISE_WORDS = re.compile(r"nav|breadcrumb|crumb|footer|menu|sidebar|share|comment|copyright", re.IGNORECASE)
# id/class words of the article body on news and government sites (TRS_Editor and zoom: TRS CMS).
_CONTENT_WORDS = re.compile(r"content|article|trs_editor|zoom|text", re.IGNORECASE)


def _names(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Elements whose content is never article text.
_HARD_NOISE = _names(
    "head title script style noscript iframe template svg math object embed select button textarea "
    "audio video canvas map"
)
# Page chrome by element name.
_CHROME = _names("nav header footer aside menu")
_NOISE_ROLES = _names("navigation banner contentinfo complementary search menu menubar form")
# Elements an id/class can never mark as chrome (a page-wide class on them is no signal).
_NEVER_NOISE = _names("#root html body main article")
# Elements whose content the tokenizer skips without parsing tags inside.
_RAW_TEXT = _names("script style textarea title xmp iframe noembed noframes")
_VOID = _names("area base br col embed hr img input keygen link meta param source track wbr")
_BLOCK = _names(
    "address article aside blockquote body br caption center dd details dialog dir div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu nav ol p "
    "pre section summary table tbody td tfoot th thead tr ul"
)
# A start tag closes these open elements first (unclosed <p>, <li>, <td> ...).
_IMPLIED_CLOSE = {
    "p": frozenset({"p"}),
    "li": frozenset({"li", "p"}),
    "dt": frozenset({"dt", "dd", "p"}),
    "dd": frozenset({"dt", "dd", "p"}),
    "tr": frozenset({"tr", "td", "th"}),
    "td": frozenset({"td", "th"}),
    "th": frozenset({"td", "th"}),
    "option": frozenset({"option"}),
}
_HEAD_CONTENT = _names("title meta link style script base noscript template")
# Without an article element or class, descend into a container while it holds this share of the text.
_DESCEND_SHARE = 0.6


class _Node:
    """An element of the parsed page; ``items`` are child nodes and text pieces in document order."""

    __slots__ = (
        "chrome",
        "content",
        "depth",
        "end",
        "hard",
        "has_block",
        "in_article",
        "items",
        "noise",
        "own",
        "parent",
        "soft",
        "start",
        "tag",
        "weight",
    )

    def __init__(self, tag: str, parent: _Node | None, start: int) -> None:
        self.tag = tag
        self.parent = parent
        self.items: list = []
        self.start = start  # offset of "<" of the start tag
        self.end = start  # offset of "<" of the tag that closed it
        self.depth = parent.depth + 1 if parent else 0
        self.hard = bool(parent and parent.hard) or tag in _HARD_NOISE
        self.in_article = bool(parent and parent.in_article) or tag in ("article", "main")
        # chrome: always dropped; soft (a <form>, or chrome by id/class/role): dropped unless it holds most
        # of the page's text, as when ASP.NET wraps the whole page in one <form>.
        self.chrome = tag in _CHROME and not (tag == "header" and self.in_article)
        self.soft = tag == "form"
        self.content = False
        self.has_block = False
        self.own = [0, 0]  # Han characters, non-space characters of its own text
        self.weight = 0
        self.noise = False


def html_text(source: str, path: str) -> tuple[str, array]:
    """Pick the article out of an HTML page; return its text with ``"\\0"`` at block boundaries.

    Also returns, per character, its offset in ``source``.
    """
    root, nodes = _parse_html(source.replace("\x00", " ") if "\x00" in source else source)
    article = _pick_article(root, nodes)
    if article is None:
        raise IngestError(path, "HTML page has no article text")
    parts: list[str] = []
    offs = array("i")
    stack = [(article, 0)]
    while stack:
        node, k = stack[-1]
        if k < len(node.items):
            stack[-1] = (node, k + 1)
            item = node.items[k]
            if isinstance(item, tuple):
                text, start, same = item
                parts.append(text)
                offs.extend([start] * len(text) if same else range(start, start + len(text)))
            elif not item.noise:
                if item.tag in _BLOCK:
                    parts.append("\x00")
                    offs.append(item.start)
                stack.append((item, 0))
        else:
            stack.pop()
            if node.tag in _BLOCK and node is not article:
                parts.append("\x00")
                offs.append(node.end)
    return "".join(parts), offs


def _parse_html(src: str) -> tuple[_Node, list[_Node]]:
    """Tokenize ``src`` into a tree without recursion; tolerate any malformed markup.

    Returns the root and all nodes in document (pre-)order.
    """
    return _Parser(src).parse()


class _Parser:
    """The state of one :func:`_parse_html`: the nodes made so far and the elements still open.

    Reading goes from one ``<`` to the next: the text before it goes to the innermost open element
    (:meth:`text`), and what the ``<`` starts (:meth:`markup`) is a declaration or comment (skipped), an
    end tag (closes), a raw-text element such as ``<script>`` (skipped to its end tag) or a start tag
    (opens an element, closing the ones it implies). Each step returns where reading goes on, or ``None``
    where the page is cut off in the middle of a tag.
    """

    def __init__(self, src: str) -> None:
        self.src = src
        self.root = _Node("#root", None, 0)
        self.nodes = [self.root]
        self.stack = [self.root]  # the open elements, innermost last
        self.open_count: dict[str, int] = {}  # tag -> how many elements of it are open

    def parse(self) -> tuple[_Node, list[_Node]]:
        """Read the whole page; return the root and all nodes in document order."""
        src = self.src
        n = len(src)
        pos: int | None = 0
        while pos is not None and pos < n:
            lt = src.find("<", pos)
            if lt < 0:
                lt = n
            if lt > pos:
                self.text(pos, lt)
            if lt >= n:
                break
            pos = self.markup(lt)
        return self.root, self.nodes

    def markup(self, lt: int) -> int | None:
        """Read what the ``<`` at ``lt`` starts; return the offset after it (None: the page ends in a tag).

        A ``<`` that starts no tag (``a < b``) is text.
        """
        src = self.src
        nxt = src[lt + 1 : lt + 2]
        if nxt in ("!", "?"):
            return _declaration_end(src, lt)
        m = _TAG.match(src, lt) or _TAG_LOOSE.match(src, lt)
        if m is None:
            if (nxt.isascii() and nxt.isalpha()) or (nxt == "/" and src[lt + 2 : lt + 3].isalpha()):
                return None  # a tag cut off by the end of the file
            self.text(lt, lt + 1)  # a stray "<"
            return lt + 1
        closing, tag, attrs = m.group(1), m.group(2).lower(), m.group(3)
        if closing:
            if self.open_count.get(tag):
                self.close(tag, lt)
                return m.end()
            if tag not in ("br", "p"):
                return m.end()  # an end tag with nothing to close
            attrs = "/"  # a stray </br> or </p> is an empty element: a line break, as in browsers
        if tag in _RAW_TEXT and not attrs.rstrip().endswith("/"):
            return _raw_text_end(src, tag, m.end())
        self.start_tag(tag, attrs, lt)
        return m.end()

    def start_tag(self, tag: str, attrs: str, lt: int) -> None:
        """Open the element of the start tag at ``lt`` (a void or self-closed one is added, not opened),
        after closing what it implies: the ``<head>`` before body content, an open ``<p>`` before a
        ``<p>``, a ``<td>`` before a ``<td>`` (see :data:`_IMPLIED_CLOSE`)."""
        if self.open_count.get("head") and tag not in _HEAD_CONTENT:
            self.close("head", lt)
        stack = self.stack
        implied = _IMPLIED_CLOSE.get(tag)
        while implied and stack[-1].tag in implied:
            stack[-1].end = lt
            self.pop()
        parent = stack[-1]
        node = _Node(tag, parent, lt)
        if "=" in attrs:
            _classify(node, attrs)
        parent.items.append(node)
        if tag in _BLOCK:
            parent.has_block = True
        self.nodes.append(node)
        if tag not in _VOID and not attrs.rstrip().endswith("/"):
            stack.append(node)
            self.open_count[tag] = self.open_count.get(tag, 0) + 1

    def text(self, a: int, b: int) -> None:
        """Add the text ``src[a:b]`` to the innermost open element (none to a script, a ``<head>`` …; text
        in the ``<head>`` closes it, as in browsers), its character references decoded, and count it."""
        chunk = self.src[a:b]
        top = self.stack[-1]
        if top.tag == "head" and not chunk.isspace():
            self.close("head", a)
            top = self.stack[-1]
        if top.hard:
            return
        top.items += _text_pieces(chunk, a)
        top.own[0] += sum(1 for _ in _HAN.finditer(chunk))
        top.own[1] += len("".join(chunk.split()))

    def close(self, tag: str, at: int) -> None:
        """Close the innermost open ``tag`` and every element opened inside it, at the tag at ``at``."""
        stack = self.stack
        while stack[-1].tag != tag:
            stack[-1].end = at
            self.pop()
        stack[-1].end = at
        self.pop()

    def pop(self) -> None:
        """Close the innermost open element."""
        node = self.stack.pop()
        self.open_count[node.tag] -= 1


def _declaration_end(src: str, lt: int) -> int:
    """The offset after the comment (``<!-- … -->``), doctype, CDATA section or processing instruction
    that starts at ``lt`` (the end of the page when it is not closed)."""
    if src.startswith("<!--", lt):
        e = src.find("-->", lt + 4)
        return len(src) if e < 0 else e + 3
    e = src.find(">", lt + 2)
    return len(src) if e < 0 else e + 1


def _raw_text_end(src: str, tag: str, pos: int) -> int | None:
    """The offset after the end tag of the raw-text element ``tag`` (``<script>``, ``<style>`` …) whose
    content starts at ``pos``, its content skipped unparsed; None when the page ends before it."""
    end = re.compile(rf"</{re.escape(tag)}[\s/>]", re.IGNORECASE).search(src, pos)
    if end is None:
        return None
    gt = src.find(">", end.start())
    return len(src) if gt < 0 else gt + 1


def _text_pieces(chunk: str, a: int) -> list[tuple[str, int, bool]]:
    """The text ``chunk`` (at offset ``a`` of the page) as ``(text, offset, same)`` pieces: the runs
    between character references as they are (``same`` False: one offset per character), each reference
    that stands for something decoded (``same`` True: all its characters at the offset of its ``&``)."""
    if "&" not in chunk:
        return [(chunk, a, False)]
    pieces = []
    k = 0
    for m in ENTITY.finditer(chunk):
        decoded = html.unescape(m.group())
        if decoded == m.group():
            continue
        if m.start() > k:
            pieces.append((chunk[k : m.start()], a + k, False))
        pieces.append((decoded, a + m.start(), True))
        k = m.end()
    if k < len(chunk):
        pieces.append((chunk[k:], a + k, False))
    return pieces


def _classify(node: _Node, attrs: str) -> None:
    """Mark a node as page chrome or as a likely article container from its id, class and role."""
    names = []
    for m in _ATTR.finditer(attrs):
        key = m.group(1).lower()
        value = m.group(2) or m.group(3) or m.group(4) or ""
        if key in ("id", "class"):
            names.append(value)
        elif key == "role" and value.strip().lower() in _NOISE_ROLES:
            node.soft = True
    words = " ".join(names)
    if words:
        if node.tag not in _NEVER_NOISE and _NOISE_WORDS.search(words):
            node.soft = True
        if _CONTENT_WORDS.search(words):
            node.content = True


def _pick_article(root: _Node, nodes: list[_Node]) -> _Node | None:
    """Choose the element holding the article; ``None`` when the page has no text at all.

    Text is weighed in Han characters (non-space characters on a page without Chinese). Chrome does not
    count: ``nav``, ``header`` (outside an article), ``footer``, ``aside``, ``menu``, and a ``form`` or an
    element whose id/class/role says navigation, footer, sharing ... unless that one holds more than
    half of the page's text (a page wrapped in one ``<form>``). Preference: the heaviest ``<article>``,
    else the heaviest ``<main>``; else the tightest of the heaviest elements whose id/class says
    content/article/TRS_Editor/zoom/text; else the deepest container holding most of the text.
    """
    metric = 0 if any(node.own[0] for node in nodes) else 1
    for node in reversed(nodes):  # children before parents
        if not node.hard:
            node.weight += node.own[metric]
            if node.parent is not None:
                node.parent.weight += node.weight
    total = root.weight
    for node in nodes[1:]:
        node.noise = node.hard or node.chrome or node.parent.noise or (node.soft and 2 * node.weight <= total)
    for node in nodes:  # weigh again without the chrome
        node.weight = 0
    for node in reversed(nodes):
        if not node.noise:
            node.weight += node.own[metric]
            if node.parent is not None:
                node.parent.weight += node.weight
    total = root.weight
    if total == 0:
        return None
    for tag in ("article", "main"):
        found = [x for x in nodes if x.tag == tag and x.weight]
        if found:
            return max(found, key=lambda x: x.weight)
    content = [x for x in nodes if x.content and x.weight]
    if content:
        heaviest = max(x.weight for x in content)
        return max((x for x in content if x.weight >= 0.9 * heaviest), key=lambda x: x.depth)
    node = root
    while True:
        inner = next(
            (
                x
                for x in node.items
                if isinstance(x, _Node) and x.has_block and x.weight >= _DESCEND_SHARE * total
            ),
            None,
        )
        if inner is None:
            return node
        node = inner
