"""GX Data Docs of a run, built into a folder and made to work offline from file://.

The site is GX's own: a fresh ephemeral context gets the run's suites and validation results and its
SiteBuilder writes the pages. GX's templates load 16 assets from CDNs and fill the index page with
jQuery/bootstrap-table, so offline the pages are unstyled and the index is empty. Every page is
therefore rewritten: each CDN asset points at a copy shipped in ``report/assets/`` (copied into the
site as ``static/vendor/``), links out of the site lose their href, GX's relative ``static/`` paths are
recomputed (its favicon path on validation pages is one level short) and any other outside load is
dropped, so that no page makes a request to the network.
"""

from __future__ import annotations

import copy
import datetime
import logging
import os
import re
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path, PurePosixPath

SITE = "reportcheck"
RUN_NAME = "reportcheck"

# CDN address in GX's templates -> vendored copy under report/assets/, taken unchanged from the npm
# package named (full licence texts in assets/licenses/, copied into every site with the assets).
VENDORED = {
    # jquery 3.7.1, MIT
    "https://code.jquery.com/jquery-3.7.1.min.js": "jquery.min.js",
    # popper.js 1.12.9, MIT
    "https://cdnjs.cloudflare.com/ajax/libs/popper.js/1.12.9/umd/popper.min.js": "popper.min.js",
    # bootstrap 4.3.1, MIT
    "https://stackpath.bootstrapcdn.com/bootstrap/4.3.1/js/bootstrap.min.js": "bootstrap.min.js",
    "https://maxcdn.bootstrapcdn.com/bootstrap/4.3.1/css/bootstrap.min.css": "bootstrap.min.css",
    # bootstrap-table 1.19.1 and its filter-control extension, MIT (GX asks for the 1.19.0 CSS too)
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.js": "bootstrap-table.min.js",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.css": "bootstrap-table.min.css",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/extensions/filter-control/bootstrap-table-filter-control.min.js":
        "bootstrap-table-filter-control.min.js",
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/bootstrap-table-filter-control.css":
        "bootstrap-table-filter-control.min.css",
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/bootstrap-table-filter-control.min.css":
        "bootstrap-table-filter-control.min.css",
    # bootstrap-datepicker 1.9.0, Apache-2.0
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/js/bootstrap-datepicker.min.js":
        "bootstrap-datepicker.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/css/bootstrap-datepicker.min.css":
        "bootstrap-datepicker.min.css",
    # @forevolve/bootstrap-dark 1.1.0, MIT
    "https://cdn.jsdelivr.net/npm/@forevolve/bootstrap-dark@1.1.0/dist/css/bootstrap-prefers-dark.css":
        "bootstrap-prefers-dark.min.css",
    # @fortawesome/fontawesome-free 6.6.0: code MIT, fonts SIL OFL 1.1, icons CC BY 4.0 (woff2 fonts only)
    "https://cdnjs.cloudflare.com/ajax/libs/font-awesome/6.6.0/css/all.min.css": "fontawesome/css/all.min.css",
}
# GX's logos on its web server -> the copy GX ships in its own static/images/
_GX_IMAGES = re.compile(r"https://great-expectations-web-assets\.s3\.[\w.-]+\.amazonaws\.com/(?:full_)?logo[\w-]*\.png"
                        r"(?:\?[^\"')]*)?")
# vega draws charts; no validation page of the suites' expectation types has one (the test checks it)
UNUSED = ("https://cdn.jsdelivr.net/npm/vega@", "https://cdn.jsdelivr.net/npm/vega-lite@",
          "https://cdn.jsdelivr.net/npm/vega-embed@")

_TAG = re.compile(r"<(script|link|img|a)\b([^>]*)>(\s*</script>)?", re.IGNORECASE)  # a tag that may load or link
_URL_ATTR = re.compile(r"""\b(src|href)\s*=\s*(["'])(.*?)\2""", re.IGNORECASE | re.DOTALL)  # its src/href
_SRI_ATTR = re.compile(r"""\s(integrity|crossorigin)\s*=\s*(["']).*?\2""", re.IGNORECASE | re.DOTALL)  # SRI: CORS on file://
_CSS_URL = re.compile(r"""url\(\s*(["']?)(https?://[^"')]+)\1\s*\)""", re.IGNORECASE)  # url(...) in a style
_STATIC = re.compile(r"^(?:\./|(?:\.\./)+)static/")  # GX's relative path to the site's static/ folder
_EXTERNAL = re.compile(r"^(?:https?:)?//", re.IGNORECASE)


@dataclass
class Site:
    """A Data Docs site as built."""

    validation_pages: dict[str, str]  # fact table -> its validation page, relative to the site folder
    left_out: list[str]  # outside assets dropped for want of an offline copy (see make_offline)


def tables(validations: Iterable) -> list[str]:
    """The fact tables of ``validations`` (GX suite results), each with a validation page once built."""
    return sorted({result.meta["active_batch_definition"]["data_asset_name"] for result in validations})


def build(validations: Iterable, suites: Iterable, site_dir: Path) -> Site:
    """Build the Data Docs of ``validations`` (GX suite results) and ``suites`` into ``site_dir``."""
    from great_expectations.core.run_identifier import RunIdentifier
    from great_expectations.data_context.types.resource_identifiers import (
        ExpectationSuiteIdentifier,
        ValidationResultIdentifier,
    )

    from ..validate import _gx

    site_dir = Path(site_dir).absolute()
    context = _gx().get_context(mode="ephemeral")
    for suite in suites:
        context.suites.add(suite)
    run_id = RunIdentifier(run_name=RUN_NAME, run_time=datetime.datetime.now(datetime.UTC))
    keys: dict[str, ValidationResultIdentifier] = {}
    for result in validations:
        table = result.meta["active_batch_definition"]["data_asset_name"]
        # what ValidationDefinition.run records, and the table, which the pages show as the data asset
        result = _escaped(result)
        result.meta = {**result.meta, "run_id": run_id, "validation_time": run_id.run_time,
                       "batch_spec": {**result.meta.get("batch_spec", {}), "data_asset_name": table}}
        suite_id = ExpectationSuiteIdentifier(name=result.suite_name)
        key = ValidationResultIdentifier(expectation_suite_identifier=suite_id, run_id=run_id,
                                         batch_identifier=table)
        context.validation_results_store.store_validation_results(result, key, suite_id)
        keys.setdefault(table, key)
    context.add_data_docs_site(SITE, {
        "class_name": "SiteBuilder",
        "show_how_to_buttons": False,
        "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(site_dir)},
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
    })
    with _templates_compiled_once():
        context.build_data_docs(site_names=[SITE])
    left_out = make_offline(site_dir)
    if left_out:
        logging.getLogger(__name__).warning("Data Docs: left out assets with no offline copy: %s", ", ".join(left_out))
    base = f"file://{site_dir}/"
    pages = {}
    for table, key in keys.items():
        url = context.get_docs_sites_urls(resource_identifier=key, site_name=SITE)[0]["site_url"]
        if url.startswith(base):  # the rest is already %-escaped by GX: a relative URL
            pages[table] = url[len(base):]
    return Site(pages, left_out)


_ROW_LISTS = ("unexpected_index_list", "partial_unexpected_index_list")


def _escaped(result):
    """A copy of a GX suite result whose failing rows (the columns of unexpected_index_column_names: the
    report's path and the excerpt come from the report) are HTML-escaped: GX writes them into its pages
    as they are, and its pages run scripts. Escaped as the report pages escape them (:func:`.escaping.html`),
    so that the rows link back to those pages by their text."""
    from .escaping import html as escape

    out = copy.copy(result)
    rows = []
    for r in result.results:
        data = r.result or {}
        if any(isinstance(data.get(k), list) for k in _ROW_LISTS):
            r = copy.copy(r)
            r.result = {**data, **{k: [{c: escape(v) if isinstance(v, str) else v for c, v in row.items()}
                                       if isinstance(row, dict) else row for row in data[k]]
                                   for k in _ROW_LISTS if isinstance(data.get(k), list)}}
        rows.append(r)
    out.results = rows
    return out


@contextmanager
def _templates_compiled_once() -> Iterator[None]:
    """GX makes a new jinja environment for every page it renders, so each page compiled the same
    templates again (a third of a Data Docs build). Meanwhile every environment shares one bytecode
    cache (jinja's own mechanism: keyed by template name, checked against the template's source and
    the Python version): a template is compiled once per build, and once for all runs where
    reportcheck's cache folder can be written (its ``jinja/``)."""
    import jinja2
    from great_expectations.render.view.view import DefaultJinjaView

    from .. import cachedir

    folder = cachedir.ensure("jinja")

    class Compiled(jinja2.BytecodeCache):
        def __init__(self):
            self.code: dict[str, bytes] = {}
            self.disk = jinja2.FileSystemBytecodeCache(str(folder)) if folder is not None else None

        def load_bytecode(self, bucket):
            if bucket.key not in self.code and self.disk is not None:
                try:
                    self.disk.load_bytecode(bucket)
                except (OSError, ValueError, EOFError):  # unreadable: compiled anew
                    bucket.reset()
                if bucket.code is not None:
                    self.code[bucket.key] = bucket.bytecode_to_string()
                    return
            if bucket.key in self.code:
                bucket.bytecode_from_string(self.code[bucket.key])

        def dump_bytecode(self, bucket):
            self.code[bucket.key] = bucket.bytecode_to_string()
            if self.disk is not None:
                try:
                    self.disk.dump_bytecode(bucket)
                except OSError:
                    pass

    shared = Compiled()
    init = DefaultJinjaView.__dict__["__init__"]

    def __init__(self, *args, **kwargs):
        init(self, *args, **kwargs)
        self.env.bytecode_cache = shared

    DefaultJinjaView.__init__ = __init__
    try:
        yield
    finally:
        DefaultJinjaView.__init__ = init


def make_offline(site_dir: Path) -> list[str]:
    """Rewrite every page of a built site (its styles are inline) to load nothing from outside it.

    Copies the vendored assets into ``static/vendor/`` and removes the static files no page names;
    returns the outside addresses dropped for want of a copy (vega aside, none with GX 1.x).
    """
    vendor = site_dir / "static" / "vendor"
    with resources.as_file(resources.files(__package__) / "assets") as assets:
        shutil.copytree(assets, vendor, dirs_exist_ok=True)
    dropped: list[str] = []
    pages = sorted(site_dir.rglob("*.html"))
    for path in pages:
        static = PurePosixPath(os.path.relpath(site_dir / "static", path.parent).replace(os.sep, "/"))
        path.write_text(_rewrite(path.read_text(encoding="utf-8"), static, dropped), encoding="utf-8")
    # GX copies all of its static/ (3 MB of walkthrough images and fonts); keep what a page names
    named = "\n".join(p.read_text(encoding="utf-8") for p in pages)
    for path in sorted((site_dir / "static").rglob("*")):
        if path.is_file() and not path.is_relative_to(vendor) and path.name not in named:
            path.unlink()
    return sorted(set(dropped))


def _local(url: str, static: PurePosixPath) -> str | None:
    """The site-relative copy of an outside asset, or None."""
    if url in VENDORED:
        return str(static / "vendor" / VENDORED[url])
    if _GX_IMAGES.fullmatch(url):
        return str(static / "images" / "logo-long.png")
    return None


def _rewrite(html: str, static: PurePosixPath, dropped: list[str]) -> str:
    """``html`` with outside loads made local (``static`` is the page's path to ``static/``) or dropped,
    and links out of the site unlinked; what had no local copy is added to ``dropped``."""

    def tag(m: re.Match) -> str:
        name, attrs, close = m.group(1).lower(), m.group(2), m.group(3) or ""
        u = _URL_ATTR.search(attrs)
        if not u:
            return m.group(0)
        url = u.group(3)
        if _STATIC.match(url):
            new = str(static) + "/" + _STATIC.sub("", url)
        elif not _EXTERNAL.match(url):
            return m.group(0)
        elif name == "a":  # a link out of the site: keep the text, not the way out
            return f"<a{attrs[:u.start()].rstrip()}{attrs[u.end():]}>"
        elif (new := _local(url, static)) is None:
            if not url.startswith(UNUSED):
                dropped.append(url)
            return ""
        attrs = f"{attrs[:u.start()]}{u.group(1)}={u.group(2)}{new}{u.group(2)}{attrs[u.end():]}"
        return f"<{m.group(1)}{_SRI_ATTR.sub('', attrs)}>{close}"

    def css_url(m: re.Match) -> str:
        new = _local(m.group(2), static)
        if new is None:
            dropped.append(m.group(2))
            return "none"
        return f"url('{new}')"

    return _CSS_URL.sub(css_url, _TAG.sub(tag, html))
