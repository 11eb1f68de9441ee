"""信件选登 and the public knowledge base: consent, review before publishing, word to earlier askers."""
