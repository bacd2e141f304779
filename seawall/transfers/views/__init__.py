"""Pages of the imports section: upload and history, a batch's preview and fate, undo,
column mappings, and exports."""
