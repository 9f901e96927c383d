"""Forms: validation and normalisation of what people type, one module per topic."""
