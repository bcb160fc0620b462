"""Every step of reading a name, for reviewers (`mafqud names explain`)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from mafqud.names.arabic import normalise_arabic_steps, rasm
from mafqud.names.chain import parse_chain, split_chain
from mafqud.names.keys import token_key
from mafqud.names.latin import normalise_latin
from mafqud.names.script import Script
from mafqud.names.transliterate import romanise, to_buckwalter


def explain(text: str) -> dict[str, Any]:
    """Script, normalisation step by step, units, parts, keys and transliterations."""
    chain = parse_chain(text)
    steps: list[tuple[str, str]]
    if chain.script is Script.ARABIC:
        steps = normalise_arabic_steps(text)
    elif chain.script is Script.LATIN:
        steps = [("latin", normalise_latin(text))]
    else:
        steps = []
    return {
        "text": text,
        "script": chain.script.value,
        "normalisation": [{"step": name, "result": result} for name, result in steps],
        "units": [
            {
                "text": token.text,
                "core": token.core,
                "kind": token.kind.value,
                "key": token_key(token),
                "dotless": rasm(token.core) if token.script is Script.ARABIC else None,
            }
            for token in chain.tokens
        ],
        "parts": asdict(split_chain(chain)),
        "romanised": romanise(text),
        "buckwalter": to_buckwalter(" ".join(t.text for t in chain.names))
        if chain.script is Script.ARABIC
        else None,
    }
