# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The rules of likely duplicates, on plain values: no database needed."""

import unittest

from ..models import prospect_matching as matching


class TestMatchKeys(unittest.TestCase):
    def test_vat_ignores_spaces_dots_dashes_and_case(self):
        self.assertEqual(matching.normalize_vat("gb 123.456-78"), "GB12345678")
        self.assertEqual(matching.normalize_vat(False), "")

    def test_a_public_email_provider_says_nothing_about_the_company(self):
        self.assertEqual(
            matching.company_email_domain("Ann <ann@Zenith-Boilers.example.com>"),
            "zenith-boilers.example.com",
        )
        self.assertEqual(matching.company_email_domain("ann@gmail.com"), "")
        self.assertEqual(matching.company_email_domain("not an address"), "")

    def test_legal_suffixes_and_short_names_do_not_identify(self):
        self.assertEqual(matching.name_key("The ACME Ltd"), "acme")
        self.assertEqual(matching.name_key("ACME Limited"), "acme")
        self.assertEqual(matching.name_key("AB Ltd"), "", "too short to tell")

    def test_phones_keep_their_last_eight_digits(self):
        keys = matching.match_keys(phone="+44 (0)20 7946-0000", mobile="123")
        self.assertEqual(keys["phones"], {"79460000"})

    def test_keys_of_a_partner(self):
        self.assertEqual(
            matching.match_keys(
                name="Zenith Boilers Ltd",
                vat="GB 999 9999 73",
                email="office@zenith-boilers.example.com",
                phone="+44 1632 960 200",
            ),
            {
                "vat": "GB999999973",
                "email": "office@zenith-boilers.example.com",
                "domain": "zenith-boilers.example.com",
                "phones": {"32960200"},
                "name": "zenith boilers",
            },
        )


class TestMatchScore(unittest.TestCase):
    KEYS = matching.match_keys(
        name="Zenith Boilers Ltd",
        vat="GB999999973",
        email="office@zenith-boilers.example.com",
        phone="01632 960200",
    )

    def test_vat_outweighs_email_which_outweighs_phone_and_name(self):
        scores = {
            "vat": matching.match_score(self.KEYS, vat="gb 999999973"),
            "email": matching.match_score(
                self.KEYS, email="OFFICE@zenith-boilers.example.com"
            ),
            "domain": matching.match_score(
                self.KEYS, email="sales@zenith-boilers.example.com"
            ),
            "phone": matching.match_score(self.KEYS, mobile="+44 1632-960-200"),
            "name": matching.match_score(self.KEYS, name="Zenith Boilers Limited"),
        }
        self.assertEqual(
            scores, {"vat": 8, "email": 6, "domain": 4, "phone": 3, "name": 2}
        )

    def test_the_same_email_does_not_count_its_domain_twice(self):
        self.assertEqual(
            matching.match_score(self.KEYS, email="office@zenith-boilers.example.com"),
            6,
        )

    def test_everything_alike_adds_up_and_nothing_alike_is_zero(self):
        self.assertEqual(
            matching.match_score(
                self.KEYS,
                name="Zenith Boilers",
                vat="GB999999973",
                email="office@zenith-boilers.example.com",
                phone="01632960200",
            ),
            8 + 6 + 3 + 2,
        )
        self.assertEqual(
            matching.match_score(
                self.KEYS, name="Other Co", email="x@gmail.com", phone="12"
            ),
            0,
        )


class TestCandidateDomains(unittest.TestCase):
    def test_one_domain_per_key(self):
        keys = matching.match_keys(
            name="Zenith", vat="GB1", email="a@zenith.example.com", phone="01632960200"
        )
        self.assertEqual(
            matching.candidate_domains(keys),
            [
                [("vat", "=ilike", "GB1")],
                [("email", "=ilike", "a@zenith.example.com")],
                [("email", "=ilike", "%@zenith.example.com")],
                [("phone", "=like", "%3%2%9%6%0%2%0%0")],
                [("mobile", "=like", "%3%2%9%6%0%2%0%0")],
                [("name", "ilike", "zenith")],
            ],
        )

    def test_nothing_to_match_on(self):
        self.assertEqual(matching.candidate_domains(matching.match_keys()), [])
