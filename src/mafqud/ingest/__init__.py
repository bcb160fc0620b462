"""Ingest: documents (CSV, XLSX) into source records that point back to their evidence."""

from mafqud.ingest.dates import DateOrder, ParsedDate, PartialDate, parse_date
from mafqud.ingest.digits import ascii_digits, clean_text
from mafqud.ingest.encoding import DetectedEncoding, detect_encoding
from mafqud.ingest.headers import recognise_header
from mafqud.ingest.importer import IngestRequest, ingest_file
from mafqud.ingest.mapping import ColumnPlan, Mapping, load_mapping, plan_columns
from mafqud.ingest.report import IngestReport, SheetReport

__all__ = [
    "ColumnPlan",
    "DateOrder",
    "DetectedEncoding",
    "IngestReport",
    "IngestRequest",
    "Mapping",
    "ParsedDate",
    "PartialDate",
    "SheetReport",
    "ascii_digits",
    "clean_text",
    "detect_encoding",
    "ingest_file",
    "load_mapping",
    "parse_date",
    "plan_columns",
    "recognise_header",
]
