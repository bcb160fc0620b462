"""Linkage: which source records are the same person, as proposals with their reasons.

Records become comparable columns (:mod:`~mafqud.linkage.features`, built on
:mod:`mafqud.names`), Splink scores the pairs that blocking lets through with
a model trained without labels (:mod:`~mafqud.linkage.settings`,
:mod:`~mafqud.linkage.engine`), and average linkage turns scored pairs into
persons without chaining namesakes (:mod:`~mafqud.linkage.clustering`).
"""

from mafqud.linkage.clustering import cluster, connected_components
from mafqud.linkage.engine import Linkage, ScoredPair
from mafqud.linkage.features import INPUT_COLUMNS, record_features
from mafqud.linkage.standalone import LinkReport, link_records, read_records, write_clusters

__all__ = [
    "INPUT_COLUMNS",
    "LinkReport",
    "Linkage",
    "ScoredPair",
    "cluster",
    "connected_components",
    "link_records",
    "read_records",
    "record_features",
    "write_clusters",
]
