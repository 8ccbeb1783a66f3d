"""Column names of the fact sheet tables: constants, so no stage spells a column twice.

Every table has the provenance columns (report, id, start, end, line, column, end_line, end_column, raw,
excerpt, members, certain): ``start``/``end`` are 0-based character offsets in the decoded source file,
``line``/``column`` 1-based; ``page`` is the 1-based page of a PDF report (None for other reports); ``members`` is a JSON list of the numbers taking part, each with its role,
source span, value and text; ``certain`` is False where extraction guessed (findings become warnings).
"""

REPORT = "report"
ID = "id"
START = "start"
END = "end"
LINE = "line"
COLUMN = "column"
END_LINE = "end_line"
END_COLUMN = "end_column"
RAW = "raw"
EXCERPT = "excerpt"
MEMBERS = "members"
CERTAIN = "certain"

PAGE = "page"

PROVENANCE = [REPORT, ID, START, END, LINE, COLUMN, END_LINE, END_COLUMN, RAW, EXCERPT, MEMBERS, CERTAIN, PAGE]

# Each fact table's own columns (after the provenance columns) with their type, declared once: the
# extractors fill them, the fact sheet orders them, validation compares the numbers and leaves the
# strings as they are, and the Spark engine types them before any report is read. Types: s string,
# l whole number, d real number (NaN where absent), b boolean.
_SPEC = {
    "mentions": "value:d low:d high:d kind:s unit:s scale:s qualifier:s noun:s verb:s roles:s "
                "sentence:l clause:l",
    "breakdowns": "form:s unit:s noun:s total:d total_low:d total_high:d parts_sum:d sum_low:d sum_high:d "
                  "n_parts:l approx:b exhaustive:b gap:d",
    "part_whole": "form:s unit:s whole:d whole_low:d whole_high:d part:d part_low:d part_high:d",
    "repeats": "form:s noun:s unit:s first:d first_low:d first_high:d second:d second_low:d second_high:d "
               "alike:b named_again:b other_items:b",
    "enumerations": "stated:l items:l items_low:l items_high:d truncated:b side:s item_texts:s",
    "sequences": "seq_id:l style:s level:l position:l value:l expected:l",
    "announced": "stated:l items:l seq_id:l",
    "rates": "form:s stated:d stated_low:d stated_high:d numerator:d denominator:d "
             "computed_low:d computed_high:d can_exceed_100:b years:d link:s base:s gap:d "
             "numerator_by:s",
    "changes": "kind:s unit:s before:d after:d stated:d stated_low:d stated_high:d "
               "computed_low:d computed_high:d",
    "dates": "role:s year:l month:l day:d part:s low:l high:l planned:b done:b report_ord:l report_basis:s "
             "start_low:l start_high:l start_raw:s",
    # tables (extract/tables.py): where a cell is (table number in the report, 0-based data row and
    # column, the headers), then what it holds or what the table's shape says of it
    "cells": "table:l table_row:l table_col:l row_header:s column_header:s value:d low:d high:d unit:s kind:s",
    "table_totals": "table:l table_row:l table_col:l row_header:s column_header:s axis:s total:d total_low:d "
                    "total_high:d parts_sum:d sum_low:d sum_high:d n_parts:l",
    "table_parts": "table:l table_row:l table_col:l row_header:s column_header:s axis:s whole:d whole_low:d "
                   "whole_high:d part:d part_low:d part_high:d",
    "table_rates": "table:l table_row:l table_col:l row_header:s column_header:s axis:s stated:d stated_low:d "
                   "stated_high:d computed_low:d computed_high:d",
}
PROVENANCE_TYPES = {REPORT: "s", ID: "s", START: "l", END: "l", LINE: "l", COLUMN: "l", END_LINE: "l",
                    END_COLUMN: "l", RAW: "s", EXCERPT: "s", MEMBERS: "s", CERTAIN: "b", PAGE: "l"}
COLUMN_TYPES: dict[str, dict[str, str]] = {
    "provenance": PROVENANCE_TYPES,
    **{name: dict(item.split(":") for item in spec.split()) for name, spec in _SPEC.items()},
}
"""Each table's columns and their types (``provenance``: the columns every table begins with)."""

TABLES = {name: list(types) for name, types in COLUMN_TYPES.items() if name != "provenance"}
"""Each table's own columns, after the provenance columns."""

STRING_COLUMNS = frozenset(c for types in COLUMN_TYPES.values() for c, t in types.items() if t == "s")
"""Columns that hold words, never numbers (validation leaves them as they are)."""

TABLE_FACTS = ("cells", "table_totals", "table_parts", "table_rates")
"""The tables read from the report's tables rather than its sentences."""
