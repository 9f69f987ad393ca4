"""Studies: one module per thesis (k_shape, ai_capex, liquidity_btc, flows) with the helpers its
notebook needs; built on `research_lib.data` and `research_lib.analysis` only."""
