"""The middle layer: from documents to sections, roles and counts (labels, layout, prompts, segment)."""
