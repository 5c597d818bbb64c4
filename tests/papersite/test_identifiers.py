"""Printed identifiers decoded as cataloguers decode them: ISSN check digits, CAJ-CD article numbers
(ISSN(year)issue-first page-page count) and discontinuous page lists."""
import pytest

from papersite.identifiers import (ArticleNumber, decode_article_number, first_page, issn_check_digit,
                                   issn_is_valid, page_count, page_ranges)


@pytest.mark.parametrize("issn", ["2095-3283", "3080-1486", "0317-8471", "2434-561X", "1002-4670"])
def test_valid_issns(issn):
    assert issn_is_valid(issn)


@pytest.mark.parametrize("issn", ["2095-3284", "3080-1480", "0317-847X", "1002-467", "20953283", "2095-328x", ""])
def test_wrong_check_digits_and_malformed_issns(issn):
    assert not issn_is_valid(issn)


def test_check_digit_ten_is_x():
    assert issn_check_digit("2434561") == "X"


def test_the_article_number_of_004():
    assert decode_article_number("2095-3283(2026)03-0006-04") == ArticleNumber("2095-3283", 2026, 3, 6, 4)


@pytest.mark.parametrize("text", ["2095-3283(2026)3-0006-04", "2095-3283(26)03-0006-04", "2095-3283 (2026) 03-0006-04",
                                  "2095-3283(2026)03-0006", "ISSN 2095-3283(2026)03-0006-04", "10.20216/j.cnki.fert1987.2026.03.003"])
def test_malformed_article_numbers_decode_to_nothing(text):
    assert decode_article_number(text) is None


def test_a_wrong_check_digit_still_decodes_so_that_the_validator_can_name_it():
    number = decode_article_number("2095-3284(2026)03-0006-04")
    assert number.issn == "2095-3284" and not issn_is_valid(number.issn)


def test_page_lists():
    assert page_ranges("6-8, 14") == [(6, 8), (14, 14)]
    assert page_count("6-8, 14") == 4
    assert page_count("12-19") == 8
    assert page_count("A3-A5") is None
    assert first_page("6-8, 14") == "6" and first_page("A3-A5") == "A3" and first_page("36") == "36"
