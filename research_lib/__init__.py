"""research_lib: data store, shared statistics and plotting for the macro-markets research notebooks."""
