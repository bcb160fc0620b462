"""Synthetic data for demos, tests and benchmarks. Never real people.

Registers carry a notice row saying they are synthetic; scanned pages print a
notice line, and their truth.json says ``"synthetic": true``. Linkage CSVs cannot:
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
from mafqud.synth.pages import (
    DEFAULT_COLUMNS,
    PAGE_NOTICE,
    ROW_NUMBER,
    TRUTH_FILE,
    Cell,
    Column,
    Degradation,
    Line,
    PageFormat,
    PageSpec,
    RenderedPage,
    installed_fonts,
    render_page,
    write_corrupt_image,
    write_decompression_bomb,
    write_pages,
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
    "DEFAULT_COLUMNS",
    "LINKAGE_COLUMNS",
    "PAGE_NOTICE",
    "ROW_NUMBER",
    "SYNTHETIC_NOTICE",
    "TRUTH_FILE",
    "Cell",
    "Column",
    "DateStyle",
    "Degradation",
    "HeaderStyle",
    "Line",
    "LinkageInfo",
    "LinkageSpec",
    "PageFormat",
    "PageSpec",
    "RegisterInfo",
    "RegisterSpec",
    "RenderedPage",
    "SyntheticPerson",
    "generate_linkage_records",
    "generate_people",
    "header_row",
    "installed_fonts",
    "render_page",
    "write_corrupt_image",
    "write_decompression_bomb",
    "write_linkage_csv",
    "write_pages",
    "write_register",
]
