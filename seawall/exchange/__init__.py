"""Seawall's exchange core: HTCDS, CTDC and units' own spreadsheets in; HTCDS and CTDC out.

Pure Python, no Django. Readers return a ReadResult (records and every problem found, by
row and column; it unpacks as `records, problems`); writers take records and a path or a
binary stream. What each column means lives in mappings.toml beside this file.
"""

from seawall.exchange.ctdc_read import read_ctdc_records
from seawall.exchange.ctdc_write import ctdc_rows, write_ctdc
from seawall.exchange.htcds_read import read_htcds
from seawall.exchange.htcds_write import htcds_cells, htcds_columns, write_htcds_csv, write_htcds_xlsx
from seawall.exchange.problems import Problem, ReadResult
from seawall.exchange.sniff import sniff_format
from seawall.exchange.records import Address, CaseFacts, CaseRecord, Identity, IdentityDocument
from seawall.exchange.table_mapping import MappingError, TableMapping, load_table_mapping, table_fields
from seawall.exchange.table_read import ColumnInfo, ColumnListing, list_columns, read_table
from seawall.exchange.values import ReadOptions

__all__ = [
    "Address",
    "CaseFacts",
    "CaseRecord",
    "ColumnInfo",
    "ColumnListing",
    "Identity",
    "IdentityDocument",
    "MappingError",
    "Problem",
    "ReadOptions",
    "ReadResult",
    "TableMapping",
    "ctdc_rows",
    "htcds_cells",
    "htcds_columns",
    "list_columns",
    "load_table_mapping",
    "read_ctdc_records",
    "read_htcds",
    "read_table",
    "sniff_format",
    "table_fields",
    "write_ctdc",
    "write_htcds_csv",
    "write_htcds_xlsx",
]
