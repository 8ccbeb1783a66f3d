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

TABLES = {
    "mentions": ["value", "low", "high", "kind", "unit", "scale", "qualifier", "noun", "verb", "roles",
                 "sentence", "clause"],
    "breakdowns": ["form", "unit", "noun", "total", "total_low", "total_high", "parts_sum", "sum_low",
                   "sum_high", "n_parts", "approx", "exhaustive"],
    "part_whole": ["form", "unit", "whole", "whole_low", "whole_high", "part", "part_low", "part_high"],
    "repeats": ["form", "noun", "unit", "first", "first_low", "first_high", "second", "second_low", "second_high"],
    "enumerations": ["stated", "items", "items_low", "items_high", "truncated", "side", "item_texts"],
    "sequences": ["seq_id", "style", "level", "position", "value", "expected"],
    "announced": ["stated", "items", "seq_id"],
    "rates": ["form", "stated", "stated_low", "stated_high", "numerator", "denominator", "computed_low",
              "computed_high", "grim_ok", "over_100", "can_exceed_100", "years"],
    "changes": ["kind", "unit", "before", "after", "stated", "stated_low", "stated_high", "computed_low",
                "computed_high"],
    "dates": ["role", "year", "month", "day", "part", "low", "high", "planned", "done", "report_ord",
              "report_basis", "start_low", "start_high", "start_raw"],
    # tables (extract/tables.py): where a cell is (table number in the report, 0-based data row and
    # column, the headers), then what it holds or what the table's shape says of it
    "cells": ["table", "table_row", "table_col", "row_header", "column_header", "value", "low", "high", "unit",
              "kind"],
    "table_totals": ["table", "table_row", "table_col", "row_header", "column_header", "axis", "total",
                     "total_low", "total_high", "parts_sum", "sum_low", "sum_high", "n_parts"],
    "table_parts": ["table", "table_row", "table_col", "row_header", "column_header", "axis", "whole",
                    "whole_low", "whole_high", "part", "part_low", "part_high"],
    "table_rates": ["table", "table_row", "table_col", "row_header", "column_header", "axis", "stated",
                    "stated_low", "stated_high", "computed_low", "computed_high"],
}
"""Each table's own columns, after the provenance columns."""

TABLE_FACTS = ("cells", "table_totals", "table_parts", "table_rates")
"""The tables read from the report's tables rather than its sentences."""
