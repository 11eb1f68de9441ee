"""The knowledge base: the office curates, staff insert suggestions, citizens read answers."""
