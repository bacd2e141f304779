"""Pages of duplicate detection: the registration check, the review queue, a pair side by
side with confirm and reject, merges and their undo, and starting the batch search."""
