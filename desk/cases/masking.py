"""Masking of personal data in staff lists and pages (full values only on a logged action)."""

from __future__ import annotations


def mask_phone(phone: str | None) -> str:
    """138****5678, 073******7890; shorter numbers (a local landline) keep only their last two digits."""
    phone = (phone or "").strip()
    if len(phone) >= 11:  # at least four digits hidden between the prefix and the last four
        return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]
    return "*" * max(len(phone) - 2, 0) + phone[-2:]


def mask_name(name: str | None) -> str:
    """王** : the family name only."""
    name = (name or "").strip()
    if not name:
        return ""
    return name[0] + "*" * max(len(name) - 1, 1)


def mask_email(email: str | None) -> str:
    """a***@example.com."""
    if not email or "@" not in email:
        return ""
    local, _, domain = email.partition("@")
    return f"{local[:1]}***@{domain}"
