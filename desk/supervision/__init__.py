"""Supervision (挂牌督办), extensions, ratings and notifications."""
