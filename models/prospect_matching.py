# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Likely duplicates: what identifies a company, and how alike two are.

Plain functions on plain values (no database), used by the duplicate warning
of the prospect form and by the suggestions of the conversion wizard.
"""

import re

from odoo.tools import email_normalize

# Providers whose domain says nothing about the company behind an address.
PUBLIC_EMAIL_DOMAINS = frozenset(
    {
        "aol.com",
        "btinternet.com",
        "free.fr",
        "gmail.com",
        "googlemail.com",
        "gmx.com",
        "gmx.de",
        "gmx.net",
        "hotmail.co.uk",
        "hotmail.com",
        "hotmail.fr",
        "icloud.com",
        "laposte.net",
        "live.com",
        "mail.com",
        "me.com",
        "msn.com",
        "orange.fr",
        "outlook.com",
        "proton.me",
        "protonmail.com",
        "sky.com",
        "web.de",
        "yahoo.co.uk",
        "yahoo.com",
        "yahoo.fr",
        "yandex.com",
    }
)
# Words that do not tell two companies apart ("ACME Ltd" is "ACME Limited").
LEGAL_SUFFIXES = frozenset(
    {
        "ag",
        "bv",
        "co",
        "company",
        "corp",
        "corporation",
        "gmbh",
        "inc",
        "limited",
        "llc",
        "llp",
        "ltd",
        "nv",
        "plc",
        "sa",
        "sarl",
        "sas",
        "spa",
        "srl",
        "the",
    }
)
# The last digits of a phone number that identify it, whatever its prefix.
PHONE_MATCH_DIGITS = 8
# Scores: VAT outweighs email, which outweighs phone and name.
SCORES = {"vat": 8, "email": 6, "domain": 4, "phone": 3, "name": 2}


def normalize_vat(vat):
    """``"gb 123.456-78"`` → ``"GB12345678"``."""
    return re.sub(r"[\s.\-]", "", vat or "").upper()


def phone_digits(number):
    """The digits of a phone number, whatever the spaces and dashes."""
    return re.sub(r"\D", "", number or "")


def company_email_domain(email):
    """The domain of an address, unless it is a public provider's."""
    domain = (email_normalize(email or "") or "").rpartition("@")[2]
    return domain if domain and domain not in PUBLIC_EMAIL_DOMAINS else ""


def name_key(name):
    """The words of a company name that tell it apart, lower case."""
    words = [
        word
        for word in re.findall(r"\w+", (name or "").lower())
        if word not in LEGAL_SUFFIXES
    ]
    key = " ".join(words)
    return key if len(key) >= 3 else ""


def match_keys(name=None, vat=None, email=None, phone=None, mobile=None):
    """What identifies the company behind a partner, normalised."""
    return {
        "vat": normalize_vat(vat),
        "email": email_normalize(email or "") or "",
        "domain": company_email_domain(email),
        "phones": {
            digits[-PHONE_MATCH_DIGITS:]
            for digits in (phone_digits(phone), phone_digits(mobile))
            if len(digits) >= PHONE_MATCH_DIGITS
        },
        "name": name_key(name),
    }


def match_score(keys, name=None, vat=None, email=None, phone=None, mobile=None):
    """How strongly a partner with these values looks like the company of
    ``keys`` (0: not at all)."""
    score = 0
    if keys["vat"] and normalize_vat(vat) == keys["vat"]:
        score += SCORES["vat"]
    email = email_normalize(email or "") or ""
    if keys["email"] and email == keys["email"]:
        score += SCORES["email"]
    elif keys["domain"] and email.rpartition("@")[2] == keys["domain"]:
        score += SCORES["domain"]
    digits = {phone_digits(number)[-PHONE_MATCH_DIGITS:] for number in (phone, mobile)}
    if keys["phones"] & digits:
        score += SCORES["phone"]
    if keys["name"] and keys["name"] in (name or "").lower():
        score += SCORES["name"]
    return score


def candidate_domains(keys):
    """Domains that find the partners ``match_score`` may score, cheaply:
    one per key (OR them)."""
    domains = []
    if keys["vat"]:
        domains.append([("vat", "=ilike", keys["vat"])])
    if keys["email"]:
        domains.append([("email", "=ilike", keys["email"])])
    if keys["domain"]:
        domains.append([("email", "=ilike", f"%@{keys['domain']}")])
    for digits in keys["phones"]:
        # digits in order, whatever the spaces and dashes between them
        pattern = "%" + "%".join(digits)
        domains.append([("phone", "=like", pattern)])
        domains.append([("mobile", "=like", pattern)])
    if keys["name"]:
        domains.append([("name", "ilike", keys["name"])])
    return domains
