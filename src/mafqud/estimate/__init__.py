"""Multiple systems estimation: how many are missing, documented or not, from overlapping lists.

Two estimators, both fed by capture tables (:mod:`.captures`) from the
registry's persons, a published table or a simulation:

- :mod:`.loglinear` — Poisson log-linear models with model search by AIC/BIC
  and profile likelihood intervals (the classical method, as Rcapture);
- :mod:`.lcmcr` — the Bayesian latent-class model of Manrique-Vallier (2016),
  a Gibbs sampler in NumPy with convergence diagnostics.

:mod:`.report` estimates stratum by stratum and adds the strata up, keeping
documented counts beside estimates; :mod:`.charts` draws them.
"""

from mafqud.estimate.captures import CaptureTable
from mafqud.estimate.lcmcr import Posterior, Prior, Sampling, sample
from mafqud.estimate.loglinear import LoglinearFit, fit, search
from mafqud.estimate.registry_captures import RegistryCaptures, read_captures
from mafqud.estimate.report import Options, Report, Row, estimate
from mafqud.estimate.table_file import read_table

__all__ = [
    "CaptureTable",
    "LoglinearFit",
    "Options",
    "Posterior",
    "Prior",
    "RegistryCaptures",
    "Report",
    "Row",
    "Sampling",
    "estimate",
    "fit",
    "read_captures",
    "read_table",
    "sample",
    "search",
]
