"""mafqud: a registry for the missing and forcibly disappeared.

The package is split by capability (see ARCHITECTURE.md); each sub-package
declares its public face in ``__all__`` and the others import only that.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("mafqud")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

SOFTWARE = f"mafqud/{__version__}"
"""How mafqud names itself as the agent of custody events it performs."""

__all__ = ["SOFTWARE", "__version__"]
