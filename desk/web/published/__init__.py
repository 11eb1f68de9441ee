"""信件选登 and the public knowledge base: public pages, the office's review, the writer's choices."""
