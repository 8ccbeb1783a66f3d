"""The Spark engine: the same checks on Apache Spark, for archives beyond one machine.

The stages are the local engine's (:func:`reportcheck.pipeline.run`), spread over a cluster:

1. **Read**: reports are read as binary files (Spark's ``binaryFile`` source), so decoding stays ours
   (:func:`reportcheck.ingest.decode`, Word files by their text). Local paths are found as the local
   engine finds them (:func:`reportcheck.pipeline.select`); a URI (``hdfs://``, ``s3a://``, ``gs://``,
   ``abfss://``, ``file://`` …) is listed by Spark, recursively, keeping the report suffixes.
2. **Extract**: inside ``mapInPandas``, each report goes through the local engine's function,
   :func:`reportcheck.factsheet.extract_document`, for the validated tables only. They come out as one
   Spark DataFrame, one row per fact with a ``_table`` column and typed columns (``{table}__{column}``),
   persisted so that extraction runs once.
3. **Validate**: each table is validated by GX's Spark datasource with the same suites and result format
   as the local engine; GX returns the ids of the failing rows.
4. **Collect**: only failing rows and, for the verified relations, the rows an expectation checked
   (its row_condition and non-missing values: the rows GX looked at), of the validated tables, leave the
   cluster, never the mentions table. Verified relations are part of every output, so the driver holds
   them all: about one row per checked relation (tens per report). ``verified=False`` collects failing
   rows only and leaves the verified lists empty.
5. **Report**: :func:`reportcheck.pipeline.finish` turns them into the same findings, fingerprints
   and statuses, so every output format (JSON, SARIF, HTML …) is the local engine's.

Needs the ``spark`` extra (pyspark < 4.2, as GX 1.24 requires) and Java 17. Unlike the local engine's
workers, extraction has no per-file time limit.
"""

from __future__ import annotations

import contextlib
import math
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from fnmatch import fnmatchcase
from functools import partial
from pathlib import Path

import pandas as pd

from .. import schema as S
from ..config import Config
from ..findings import ReportResult, RunResult
from ..ingest import SUFFIXES, IngestError
from ..validate import (
    SuiteError,
    TableResult,
    _gx,
    _kwarg_columns,
    build_suite,
    check_columns,
    gx_context,
    load_checks,
    read_result,
    scope_filter,
)
from . import EngineError

# Spark type of every fact table column: schema.py declares each column's type once.
COLUMN_TYPES = S.COLUMN_TYPES
_SPARK_TYPE = {"s": "string", "l": "bigint", "d": "double", "b": "boolean"}

# Columns of the extraction output besides the facts: which table a row belongs to ("" for the row that
# says how reading the report went), the report's number in the run, the row's number in its table, and
# for the report row its error and (for the HTML output) its decoded text.
_TABLE, _REPORT, _ROW, _ERROR, _SOURCE = "_table", "_report", "_row", "_error", "_source"
_REPORT_ROW = ""
_NOT_VALIDATED = (S.MEMBERS, S.RAW)  # as the local engine's validation view leaves them out

# Spark logging for a session this module starts: errors only, on stderr. The logger of pyspark's
# gateway is named too, or Spark announces on stderr that it sets the shell's level to WARN.
_LOG4J2 = """\
rootLogger.level = error
rootLogger.appenderRef.stderr.ref = stderr
appender.stderr.type = Console
appender.stderr.name = stderr
appender.stderr.target = SYSTEM_ERR
appender.stderr.layout.type = PatternLayout
appender.stderr.layout.pattern = %d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n%ex
logger.gateway.name = org.apache.spark.api.python.PythonGatewayServer
logger.gateway.level = error
"""


@dataclass(frozen=True)
class _Input:
    """One report to read: its number in the run, its name in the results, its path for fingerprints,
    and the key that finds its row in Spark's binaryFile output."""

    index: int
    name: str
    rel_path: str
    key: str


def _columns(table: str) -> list[tuple[str, str]]:
    """(column, type code) of a fact table, provenance first, in schema.py's order."""
    types = {**COLUMN_TYPES["provenance"], **COLUMN_TYPES[table]}
    missing = [c for c in S.PROVENANCE + S.TABLES[table] if c not in types]
    if missing:
        raise RuntimeError(
            f"reportcheck.engines.spark: no type for {table}.{', '.join(missing)}; declare it in schema.py"
        )
    return [(c, types[c]) for c in S.PROVENANCE + S.TABLES[table]]


def _layout(tables: Sequence[str]) -> list[tuple[str, str]]:
    """The extraction output's columns: bookkeeping, provenance, then each table's own columns."""
    cols = [(_TABLE, "s"), (_REPORT, "l"), (_ROW, "l"), (_ERROR, "s"), (_SOURCE, "s")]
    cols += list(COLUMN_TYPES["provenance"].items())
    for t in tables:
        cols += [(f"{t}__{c}", code) for c, code in _columns(t)[len(S.PROVENANCE) :]]
    return cols


def _ddl(cols: list[tuple[str, str]]) -> str:
    return ", ".join(f"`{c}` {_SPARK_TYPE[code]}" for c, code in cols)


# --------------------------------------------------------------------------------------------------
# Executors: extraction inside mapInPandas
# --------------------------------------------------------------------------------------------------


def _report_rows(
    index: int, name: str, content: bytes, tables: Sequence[str], keep_source: bool
) -> list[dict]:
    """The rows of one report: its report row, then its facts (as the local engine reads and extracts it)."""
    from ..factsheet import extract_document
    from ..ingest import decode_report, from_text

    status = {_TABLE: _REPORT_ROW, _REPORT: index, _ROW: 0, S.REPORT: name}
    try:
        source, encoding = decode_report(content, name)
        doc = replace(from_text(source, name), encoding=encoding)
        sheet = extract_document(doc, tables)
    except IngestError as e:
        status[_ERROR] = str(e)
        return [status]
    except Exception as e:  # noqa: BLE001  (an extractor bug must not hide the other reports)
        status[_ERROR] = f"{name}: internal error while extracting: {type(e).__name__}: {e}"
        return [status]
    if keep_source:
        status[_SOURCE] = doc.source
    out = [status]
    for t in tables:
        own = S.TABLES[t]
        for i, rec in enumerate(sheet.tables[t].to_dict("records")):
            row = {_TABLE: t, _REPORT: index, _ROW: i, **{c: rec.get(c) for c in S.PROVENANCE}}
            row[S.ID] = f"{t}:{index}:{i}"  # unique in the run, like FactSheet.concat's ids
            row.update({f"{t}__{c}": rec.get(c) for c in own})
            out.append(row)
    return out


def _missing(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def _typed(rows: list[dict], cols: list[tuple[str, str]]) -> pd.DataFrame:
    """A batch for Arrow: nullable integers and booleans, floats with NaN as null, strings as objects."""
    df = pd.DataFrame.from_records(rows, columns=[c for c, _ in cols])
    out = {}
    for c, code in cols:
        s = df[c]
        if code == "s":
            out[c] = pd.Series([None if _missing(v) else str(v) for v in s], dtype=object)
        elif code == "b":
            out[c] = pd.Series([None if _missing(v) else bool(v) for v in s], dtype="boolean")
        else:
            num = pd.to_numeric(s.astype(object), errors="coerce").astype("float64")
            if code == "l":
                try:
                    num = num.astype("Int64")
                except (TypeError, ValueError) as e:
                    raise ValueError(f"column {c}: not whole numbers ({e}); change its type in schema.py") from e
            out[c] = num
    return pd.DataFrame(out)


def _extract_batches(
    batches: Iterator[pd.DataFrame], tables: tuple[str, ...], keep_source: bool, extra_words: tuple[str, ...]
) -> Iterator[pd.DataFrame]:
    """mapInPandas: (report number, name, bytes) batches in, fact rows out."""
    from ..extract.mentions import use_words

    use_words(extra_words)  # each Python worker has its own tokenizer
    cols = _layout(tables)
    for batch in batches:
        rows: list[dict] = []
        for index, name, content in zip(batch[_REPORT], batch["_name"], batch["content"]):
            rows += _report_rows(int(index), str(name), bytes(content), tables, keep_source)
        yield _typed(rows, cols)


# --------------------------------------------------------------------------------------------------
# Driver
# --------------------------------------------------------------------------------------------------


def session(master: str | None = None, conf: dict[str, str] | None = None):
    """The active SparkSession (under spark-submit, or one made before), else a new one.

    A session started here (``master`` such as ``local[2]``; Spark's default otherwise) logs errors only,
    draws no console progress bar, and runs its Python workers with this interpreter, so they import
    the same reportcheck. ``conf`` adds Spark settings. EngineError when Java cannot start.
    """
    from pyspark.errors import PySparkRuntimeError
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None and master is None and not conf:
        return active
    builder = SparkSession.builder.appName("reportcheck")
    if master:
        builder = builder.master(master)
    settings = {"spark.ui.showConsoleProgress": "false", "spark.sql.execution.arrow.pyspark.enabled": "true"}
    starts_jvm = "PYSPARK_GATEWAY_PORT" not in os.environ  # not under spark-submit, which started it
    if starts_jvm:
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        log4j = Path(tempfile.gettempdir()) / "reportcheck-log4j2.properties"
        log4j.write_text(_LOG4J2, encoding="utf-8")
        settings["spark.driver.extraJavaOptions"] = f"-Dlog4j2.configurationFile={log4j.as_uri()}"
    settings.update(conf or {})
    for k, v in settings.items():
        builder = builder.config(k, v)
    try:
        spark = builder.getOrCreate()
    except PySparkRuntimeError as e:
        if "JAVA_GATEWAY_EXITED" not in str(e):
            raise
        raise EngineError("the Spark engine could not start Java: it needs Java 17 or later (on Debian: "
                          "apt-get install openjdk-17-jre-headless; or set JAVA_HOME)") from None
    local = spark.sparkContext.master.startswith("local")
    if starts_jvm and local and "spark.sql.shuffle.partitions" not in settings:
        spark.conf.set("spark.sql.shuffle.partitions", "8")  # one machine: not 200 tiny tasks per shuffle
    return spark


_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_GLOB_CHARS = re.compile(r"([\\\[\]{}*?])")


def _is_uri(p) -> bool:
    return isinstance(p, str) and bool(_URI.match(p))


def _local_key(path: str | os.PathLike) -> str:
    return os.path.normpath(os.path.abspath(path))


def _spark_key(path: str) -> str:
    """What :func:`_read` matches a binaryFile row by: Spark's path, a local file's without ``file:``."""
    return re.sub(r"^file:(//)?", "", path)


def _inputs(spark, paths, include, exclude, config: Config, changed_since,
            refused: list | None = None) -> list[_Input]:
    """The reports of the run, numbered: local paths as the local engine selects them, then each URI's
    (any scheme, ``file://`` included, is listed by Spark and its reports named as Spark names them).
    Local entries that cannot be read as reports (a link leaving the folder, a FIFO) go to ``refused``,
    as with the local engine."""
    from ..pipeline import project_root, relative, select

    local = [p for p in paths if not _is_uri(p)]
    out: list[_Input] = []
    if local:
        root = project_root()
        for f in select(local, include, exclude, config, changed_since, refused):
            out.append(_Input(len(out), str(f), relative(f, root), _local_key(f)))
    for uri in (p for p in paths if _is_uri(p)):
        for path in _list_uri(
            spark, uri, list(include) + list(config.include), list(exclude) + list(config.exclude)
        ):
            out.append(_Input(len(out), path, path, _spark_key(path)))
    return out


def _list_uri(spark, uri: str, include: list[str], exclude: list[str]) -> list[str]:
    """Report files under a URI (a file, a folder searched recursively, or a glob), sorted.

    include/exclude globs are matched against the file name and the whole URI (``*`` matches ``/``).
    Spark skips names starting with ``.`` or ``_``.
    """
    from pyspark.errors import AnalysisException

    try:
        rows = (
            spark.read.format("binaryFile")
            .option("recursiveFileLookup", "true")
            .load(uri)
            .select("path")
            .collect()
        )
    except AnalysisException as e:
        if "PATH_NOT_FOUND" in str(e) or "Path does not exist" in str(e):
            raise IngestError(uri, "no such file or directory") from None
        raise IngestError(uri, f"cannot list: {str(e).splitlines()[0]}") from None
    found = sorted(r.path for r in rows if r.path.lower().endswith(SUFFIXES))

    def hit(path: str, globs: list[str]) -> bool:
        name = path.rstrip("/").rsplit("/", 1)[-1]
        return any(fnmatchcase(path, g) or fnmatchcase(name, g) for g in globs)

    kept = [p for p in found if (not include or hit(p, include)) and not hit(p, exclude)]
    if not kept:
        raise IngestError(
            uri,
            f"no reports ({', '.join(SUFFIXES)}) found"
            + (" that match the include/exclude patterns" if found else ""),
        )
    return kept


def _read(spark, inputs: list[_Input]):
    """Spark rows (_report, _name, content) for the inputs, read as binary files."""
    from pyspark.sql import functions as F

    # a local file is named by its absolute path, its glob characters escaped (load() expands globs)
    locs = ["file://" + _GLOB_CHARS.sub(r"\\\1", i.key) if i.key.startswith("/") else i.name for i in inputs]
    files = spark.read.format("binaryFile").load(list(dict.fromkeys(locs)))
    # Spark names a local file file:/abs/path (raw characters): the key drops the scheme (_spark_key)
    key = F.regexp_replace("path", "^file:(//)?", "")
    mapping = spark.createDataFrame(
        [(i.key, i.index, i.name) for i in inputs], f"_key string, {_REPORT} bigint, _name string"
    )
    # the small side is the list of names: the files stream through the join in binaryFile's partitions
    return (
        files.select(key.alias("_key"), "content")
        .join(F.broadcast(mapping), "_key")
        .select(_REPORT, "_name", "content")
    )


def _spark_conditions(suites) -> None:
    """SuiteError for a row_condition written as a string: a pandas query does not run on Spark."""
    for check, _ in suites:
        for i, e in enumerate(check.suite["expectations"]):
            kw = e.get("kwargs") or {}
            rc = kw.get("row_condition")
            if isinstance(rc, str) or (isinstance(rc, dict) and rc.get("type") == "pass_through"):
                raise SuiteError(
                    f"{check.suite_path}: expectations[{i}] ({e['type']}): a row_condition written as "
                    f"a string (condition_parser {kw.get('condition_parser')!r}) cannot run on Spark; "
                    f"write it as a condition object (see the module docs of reportcheck.validate)"
                )


def _scope_column(cfg, engine, types: dict[str, str]):
    """A boolean Spark column: the rows an expectation checked (as validate._rows_in_scope does locally)."""
    from pyspark.sql import functions as F

    expr = scope_filter(cfg, engine)
    scope = F.coalesce(F.expr(expr), F.lit(False)) if expr else F.lit(True)
    for c in _kwarg_columns(cfg.kwargs):
        scope = scope & F.col(c).isNotNull()
        if types.get(c) == "d":
            scope = scope & ~F.isnan(F.col(c))
    return scope


@contextlib.contextmanager
def _runtime_conf(spark, settings: dict[str, str]):
    """Spark SQL settings for the run, restored afterwards (the session may be the caller's)."""
    before = {k: spark.conf.get(k, None) for k in settings}
    for k, v in settings.items():
        spark.conf.set(k, v)
    try:
        yield
    finally:
        for k, v in before.items():
            if v is None:
                spark.conf.unset(k)
            else:
                spark.conf.set(k, v)


def run(
    paths: Sequence[str | os.PathLike],
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    checks: str | os.PathLike | None = None,
    keep_source: bool = False,
    *,
    config: Config | None = None,
    changed_since: str | None = None,
    jobs: int | None = None,
    timeout: float | None = None,
    progress: Callable[[int, int], None] | None = None,
    spark=None,
    master: str | None = None,
    verified: bool = True,
) -> RunResult:
    """Check every report under ``paths`` on Spark; the same result as :func:`reportcheck.pipeline.run`.

    ``paths`` are local files or folders (found as the local engine finds them; ``changed_since`` applies
    to them) or URIs that Spark reads (``hdfs://…``, ``s3a://bucket/prefix``; a folder is searched
    recursively, globs work). ``spark`` is a SparkSession to use; without it, the active one, else one
    started with :func:`session` (``master``, e.g. ``local[2]``). ``verified=False`` collects failing
    rows only (the verified lists stay empty). ``jobs`` and ``timeout`` are the local engine's and are
    ignored: Spark spreads the work over its executors and has no per-file time limit; ``progress(done,
    total)`` is called once extraction is done.

    Raises IngestError for a path that does not exist or holds no report, SuiteError for a broken check
    map or suite (or a string row_condition, which Spark cannot run), GitError as the local engine.
    """
    from pyspark import StorageLevel

    from ..factsheet import FactSheet
    from ..pipeline import finish, project_root, relative

    config = config or Config()
    check_list, result_format = load_checks(checks)
    gx = _gx()
    suites = [(c, build_suite(gx, c)) for c in check_list]
    _spark_conditions(suites)
    tables = tuple(dict.fromkeys(c.table for c in check_list))
    unknown = [t for t in tables if t not in S.TABLES]
    if unknown:
        raise SuiteError(f"{checks or 'checks.json'}: no fact table {unknown[0]!r}")
    spark = spark or session(master)
    refused: list = []
    inputs = _inputs(spark, paths, include, exclude, config, changed_since, refused)
    root = project_root()

    # Arrow batches of 64 reports into mapInPandas: bounded memory whatever the archive's size.
    settings = {"spark.sql.execution.arrow.maxRecordsPerBatch": "64",
                "spark.sql.execution.arrow.pyspark.enabled": "true"}
    with _runtime_conf(spark, settings):
        extract = partial(_extract_batches, tables=tables, keep_source=keep_source,
                          extra_words=tuple(config.extra_words))
        facts = _read(spark, inputs).mapInPandas(extract, _ddl(_layout(tables)))
        facts = facts.persist(StorageLevel.MEMORY_AND_DISK)
        try:
            counts, statuses = _extracted(facts, keep_source)
            if progress is not None:
                progress(len(inputs), len(inputs))
            results, frames, scopes = _validate(gx, suites, facts, counts, result_format)
            sheet = FactSheet({t: _collect(spark, frame, results[t], scopes[t] if verified else [], t)
                               for t, frame in frames.items()})
        finally:
            facts.unpersist()

    reports = []
    for inp in inputs:
        rr = ReportResult(inp.name, rel_path=inp.rel_path)
        if inp.index not in statuses:  # Spark skips empty files: read it as the empty file it is
            statuses[inp.index] = (_report_rows(inp.index, inp.name, b"", (), False)[0].get(_ERROR), None)
        error, source = statuses[inp.index]
        if error:
            rr.status, rr.error = "error", error
        elif keep_source:
            rr.source = source
        reports.append(rr)
    # what cannot be read as a report is an error of its own, after the reports (as the local engine does)
    reports += [ReportResult(e.path, status="error", error=str(e), rel_path=relative(e.path, root)) for e in refused]
    return finish(reports, sheet, results, suites, config, root)


def _extracted(facts, keep_source: bool) -> tuple[dict[str, int], dict[int, tuple[str | None, str | None]]]:
    """Rows per table, and each report's (error, source); the first action, so extraction runs here."""
    from pyspark.sql import functions as F

    counts = {r[_TABLE]: r["count"] for r in facts.groupBy(_TABLE).count().collect()}
    source = F.col(_SOURCE) if keep_source else F.lit(None).alias(_SOURCE)
    rows = facts.where(F.col(_TABLE) == _REPORT_ROW).select(_REPORT, _ERROR, source).collect()
    return counts, {r[_REPORT]: (r[_ERROR], r[_SOURCE]) for r in rows}


def _validate(gx, suites, facts, counts: dict[str, int], result_format: dict):
    """Each suite on its table with GX's Spark datasource: (TableResult per table, each validated table's
    Spark DataFrame, and per table the (rule, scope column) of each expectation)."""
    from pyspark.sql import functions as F

    datasource = gx_context(gx).data_sources.add_spark("reportcheck", persist=False)
    results: dict[str, TableResult] = {}
    frames: dict[str, object] = {}
    batch_defs: dict[str, object] = {}
    scopes: dict[str, list] = {}
    for check, suite in suites:
        t = check.table
        tr = results.setdefault(t, TableResult(t))
        if not counts.get(t):
            continue
        cols = _columns(t)
        if t not in frames:
            own = [F.col(f"{t}__{c}").alias(c) for c, _ in cols[len(S.PROVENANCE):]]
            frames[t] = facts.where(F.col(_TABLE) == t).select(_REPORT, _ROW, *S.PROVENANCE, *own)
            batch_defs[t] = datasource.add_dataframe_asset(t).add_batch_definition_whole_dataframe(t)
        check_columns(check, frames[t].columns)
        view = frames[t].drop(_REPORT, _ROW, *_NOT_VALIDATED)
        batch = batch_defs[t].get_batch(batch_parameters={"dataframe": view})
        res = batch.validate(suite, result_format=result_format)
        read_result(check, res, tr, None)
        engine, types = batch.data.execution_engine, dict(cols)
        scopes.setdefault(t, []).extend(((r.expectation_config.meta or {}).get("rule"),
                                         _scope_column(r.expectation_config, engine, types))
                                        for r in res.results)
    return results, frames, scopes


def _collect(spark, frame, tr: TableResult, scopes: list, table: str) -> pd.DataFrame:
    """The rows of one table that findings need, as a pandas table in the run's order; fills ``tr.checked``.

    A row leaves the cluster when GX rejected it or when one of ``scopes`` (rule, scope column) holds.
    """
    from pyspark.sql import functions as F

    flags = [f"_scope{k}" for k in range(len(scopes))]
    df = frame.select("*", *[col.alias(f) for (_, col), f in zip(scopes, flags)])
    keep = F.lit(False)
    for f in flags:
        keep = keep | F.col(f)
    failed = sorted(set().union(*tr.failed.values())) if tr.failed else []
    if failed:
        ids = spark.createDataFrame([(i, True) for i in failed], "id string, _failed boolean")
        df = df.join(F.broadcast(ids) if len(failed) < 100_000 else ids, "id", "left")
        keep = keep | F.col("_failed").isNotNull()
    pdf = df.where(keep).toPandas()
    for (rule, _), f in zip(scopes, flags):
        tr.checked.setdefault(rule, set()).update(pdf.loc[pdf[f].astype(bool), S.ID])
    pdf = pdf.sort_values([_REPORT, _ROW], kind="stable").reset_index(drop=True)
    return pdf[S.PROVENANCE + S.TABLES[table]]
