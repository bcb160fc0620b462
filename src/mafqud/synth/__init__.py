"""Synthetic data for demos, tests and benchmarks. Never real people; every file says so."""

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
    "SYNTHETIC_NOTICE",
    "DateStyle",
    "HeaderStyle",
    "RegisterInfo",
    "RegisterSpec",
    "SyntheticPerson",
    "generate_people",
    "header_row",
    "write_register",
]
