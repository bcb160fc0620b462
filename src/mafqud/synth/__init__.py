"""Synthetic data for demos, tests and benchmarks. Never real people.

Registers carry a notice row saying they are synthetic. Linkage CSVs cannot:
their first line must be the canonical header that `mafqud link-csv` reads.
Their record ids and person ids are plainly invented (src1-000001,
person-0000001).
"""

from mafqud.synth.linkage import (
    LINKAGE_COLUMNS,
    LinkageInfo,
    LinkageSpec,
    generate_linkage_records,
    write_linkage_csv,
)
from mafqud.synth.people import SyntheticPerson, generate_people
from mafqud.synth.registers import (
    COLUMNS,
    SYNTHETIC_NOTICE,
    DateStyle,
    HeaderStyle,
    RegisterInfo,
    RegisterSpec,
    header_row,
    write_register,
)

__all__ = [
    "COLUMNS",
    "LINKAGE_COLUMNS",
    "SYNTHETIC_NOTICE",
    "DateStyle",
    "HeaderStyle",
    "LinkageInfo",
    "LinkageSpec",
    "RegisterInfo",
    "RegisterSpec",
    "SyntheticPerson",
    "generate_linkage_records",
    "generate_people",
    "header_row",
    "write_linkage_csv",
    "write_register",
]
