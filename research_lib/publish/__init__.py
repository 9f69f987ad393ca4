"""Publishing: provenance stamps, the notebook runner, the scorecard, the site and the scaffold."""
