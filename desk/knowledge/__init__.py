"""The desk side of the knowledge base and routing (the library is `knowledge_base/`)."""
